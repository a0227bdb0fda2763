package faust.internal;

import faust.Event;
import faust.Stream;

/**
 * The event the calling agent thread is processing: each agent instance binds its stream to its virtual
 * thread, and tables read the event's partition from here (a key lives in its event's partition).
 */
public final class CurrentEvent {
    private static final ThreadLocal<Stream<?, ?>> STREAM = new ThreadLocal<>();

    private CurrentEvent() {
    }

    /** @param stream the stream of the calling agent instance */
    public static void bind(Stream<?, ?> stream) {
        STREAM.set(stream);
    }

    /** @return the stream of the calling agent instance, or null outside an agent's thread */
    public static Stream<?, ?> stream() {
        return STREAM.get();
    }

    /** @return the event the calling agent thread is processing, or null outside an agent or between events */
    public static Event<?, ?> get() {
        Stream<?, ?> s = STREAM.get();
        return s == null ? null : s.current();
    }
}
