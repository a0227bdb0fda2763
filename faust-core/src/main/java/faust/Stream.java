package faust;

/**
 * The events an agent processes, consumed with a plain {@code for} loop on the agent's own virtual
 * thread. Iterating blocks until the next event arrives; the loop ends when the worker stops.
 *
 * <p>An event is acknowledged when the loop moves past it (asks for the next one), so its offset is
 * committed only after the loop body finished with it. Iterating the stream itself yields values;
 * {@link #events()} yields whole {@link Event}s and {@link #items()} key/value pairs — all three share
 * one position.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Stream<K, V> extends Iterable<V> {
    /** @return the events with their key, value, topic, partition and offset */
    Iterable<Event<K, V>> events();

    /** @return key/value pairs */
    Iterable<KeyValue<K, V>> items();

    /** @return the event the loop is processing now, or null between events */
    Event<K, V> current();
}
