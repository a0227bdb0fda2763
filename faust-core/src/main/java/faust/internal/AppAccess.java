package faust.internal;

import faust.App;
import faust.Setting;
import faust.Settings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The runtime's access to what {@link App} keeps out of its public API (in the style of the JDK's
 * {@code SharedSecrets}): {@code App} installs the one implementation when its class initializes, and the
 * worker and {@code faust.spi} reach an app's settings and sender through it. Not for application code.
 */
public abstract class AppAccess {
    private static volatile AppAccess instance;

    /** For the subclass in {@link App}. */
    protected AppAccess() {
    }

    /**
     * Called once, by {@link App}'s static initializer.
     *
     * @param access the implementation
     * @throws IllegalStateException when called again
     */
    public static synchronized void install(AppAccess access) {
        if (instance != null) {
            throw new IllegalStateException("AppAccess is installed by faust.App only");
        }
        instance = access;
    }

    /** @return the implementation */
    public static AppAccess get() {
        AppAccess a = instance;
        if (a == null) {
            try {
                Class.forName(App.class.getName(), true, App.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /**
     * Applies the environment and CLI flags over the app's code settings.
     *
     * @param app the app
     * @param env the environment ({@code FAUST_*} variables are read)
     * @param flags values of CLI flags
     * @return the settings now in force
     */
    public abstract Settings configure(App app, Map<String, String> env, Map<Setting, Settings.Flag> flags);

    /**
     * Installs the sender used by the app's topics.
     *
     * @param app the app
     * @param factory makes the sender when first needed, or null to go back to a standalone producer
     * @return the factory installed before, or null
     */
    public abstract Supplier<Sender> useSender(App app, Supplier<Sender> factory);

    /**
     * @param app the app
     * @return the app's slot for whoever runs it exclusively outside a worker (an agent tester)
     */
    public abstract AtomicReference<Object> exclusiveUse(App app);

    /**
     * @param app the app
     * @return the sender the app's topics send through now (the worker's producer, a tester's log, or a producer
     *     opened on demand)
     */
    public abstract Sender sender(App app);

    /**
     * @param app the app
     * @return the reply topic of this process's asks: {@code reply_to}, or {@code f-reply-<uuid4>} made once per app
     */
    public abstract String replyTopic(App app);

    /**
     * @param app the app
     * @return where replies to the app's asks arrive: the worker's reply consumer, a tester's, or one started on
     *     demand outside a worker (client mode)
     */
    public abstract Replies replies(App app);

    /**
     * Installs where replies to the app's asks arrive.
     *
     * @param app the app
     * @param factory makes it when first needed (and keeps it), or null to go back to client mode
     * @return the factory installed before, or null
     */
    public abstract Supplier<Replies> useReplies(App app, Supplier<Replies> factory);

    /**
     * @param app the app
     * @return its lifecycle hooks
     */
    public abstract Hooks hooks(App app);

    /**
     * @param app the app
     * @return its web pages, in declaration order
     */
    public abstract List<PageRoute> pages(App app);

    /**
     * Links the app to the worker running it (leadership, request routing), or unlinks it.
     *
     * @param app the app
     * @param link the worker's side, or null when it stopped
     */
    public abstract void link(App app, WorkerLink link);
}
