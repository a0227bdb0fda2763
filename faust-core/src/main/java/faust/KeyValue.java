package faust;

/**
 * A key and its value, as yielded by {@link Stream#items()}.
 *
 * @param key the record key (may be null)
 * @param value the record value (may be null for a tombstone)
 * @param <K> key type
 * @param <V> value type
 */
public record KeyValue<K, V>(K key, V value) {
}
