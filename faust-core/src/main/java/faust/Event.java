package faust;

import java.util.Map;

/**
 * One message as an agent sees it: the decoded key and value plus where it came from. Yielded by
 * {@link Stream#events()}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Event<K, V> {
    /** @return the decoded key, or null when the message had none */
    K key();

    /** @return the decoded value, or null for a tombstone */
    V value();

    /** @return the topic the message was read from */
    String topic();

    /** @return the partition the message was read from */
    int partition();

    /** @return the message offset */
    long offset();

    /** @return the message timestamp, in epoch milliseconds */
    long timestamp();

    /** @return the message headers (last value wins for repeated names); never null */
    Map<String, byte[]> headers();
}
