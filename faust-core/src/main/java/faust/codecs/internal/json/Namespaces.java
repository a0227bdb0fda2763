package faust.codecs.internal.json;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespace to Java class of the Faust records this JVM knows (like Faust's model registry): filled when a
 * codec for a record is built and by {@code Records.register}; read to decode values whose declared type
 * does not say which record they are ({@code Object}, an interface). Classes are held weakly, so an app
 * reloaded in the same JVM replaces its earlier classes.
 */
public final class Namespaces {
    private static final Map<String, WeakReference<Class<?>>> BY_NAME = new ConcurrentHashMap<>();

    private Namespaces() {
    }

    /**
     * @param namespace a namespace
     * @param cls the record class
     * @throws BindException when another live class of another name already has the namespace
     */
    public static void register(String namespace, Class<?> cls) {
        BY_NAME.compute(namespace, (ns, old) -> {
            Class<?> prev = old == null ? null : old.get();
            if (prev != null && prev != cls && !prev.getName().equals(cls.getName())) {
                throw new BindException("namespace " + ns + " is used by both " + prev.getName() + " and "
                        + cls.getName() + ": give one of them another namespace");
            }
            return prev == cls ? old : new WeakReference<>(cls);
        });
    }

    /**
     * @param namespace a namespace
     * @return its class, or null when none is known
     */
    public static Class<?> lookup(String namespace) {
        WeakReference<Class<?>> r = BY_NAME.get(namespace);
        return r == null ? null : r.get();
    }

    /**
     * @param type a class or interface
     * @return the known records assignable to it, by namespace
     */
    static Map<String, Class<?>> assignableTo(Class<?> type) {
        Map<String, Class<?>> m = new java.util.TreeMap<>();
        List<String> dead = new ArrayList<>();
        BY_NAME.forEach((ns, ref) -> {
            Class<?> c = ref.get();
            if (c == null) {
                dead.add(ns);
            } else if (type.isAssignableFrom(c)) {
                m.put(ns, c);
            }
        });
        dead.forEach(ns -> BY_NAME.computeIfPresent(ns, (k, v) -> v.get() == null ? null : v));
        return m;
    }
}
