package faust.internal;

import faust.FaustException;
import faust.Settings;
import java.util.ServiceLoader;

/**
 * Opens a producer for an app outside a worker ({@code topic.send} from a plain {@code main}). Implemented
 * by the Kafka transport and found through {@link ServiceLoader}, so that the API packages do not depend on
 * the transport (which depends on them).
 */
public interface Transport {
    /**
     * @param settings resolved settings
     * @param clientId client id prefix
     * @return a producer opened on demand; the app closes it
     */
    Sender standaloneSender(Settings settings, String clientId);

    /**
     * Starts reading replies outside a worker (client mode): creates the reply topic when missing and reads it
     * from its end.
     *
     * @param settings resolved settings
     * @param topic the reply topic
     * @param clientId client id prefix
     * @return the running reader; the app closes it
     */
    Replies replies(Settings settings, String topic, String clientId);

    /** @return the transport on the class path */
    static Transport get() {
        for (Transport t : ServiceLoader.load(Transport.class, Transport.class.getClassLoader())) {
            return t;
        }
        throw new FaustException("no Faust transport on the class path (faust-core's META-INF/services is missing)");
    }
}
