package faust;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A partitioned key/value table: each worker holds the partitions it is assigned (in RocksDB by default),
 * every change is written to the changelog topic {@code <id>-<name>-changelog}, and a worker that takes a
 * partition over rebuilds it from there. Created with {@link App#table}.
 *
 * <p>Inside an agent, a key lives in the partition of the event being processed (table partition = source
 * partition), so a table should be updated by agents reading a topic keyed like the table.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Table<K, V> extends Iterable<Map.Entry<K, V>> {
    /** @return the table's name */
    String name();

    /** @return the changelog topic, {@code <id>-<name>-changelog} */
    String changelogTopic();

    /** @return the help text given with {@link TableOptions}, "" when none (shown by {@code faust tables}) */
    String help();

    /**
     * @param key the key
     * @return its value, or the table's default value when missing (null without a default)
     */
    V get(K key);

    /**
     * @param key the key
     * @return whether the key has a value in this worker's partitions
     */
    boolean containsKey(K key);

    /**
     * Sets a value: written to the local store and to the changelog.
     *
     * @param key the key
     * @param value the value (null deletes)
     */
    void put(K key, V value);

    /**
     * Deletes a key: a tombstone goes to the changelog.
     *
     * @param key the key
     */
    void delete(K key);

    /**
     * Replaces a key's value with {@code fn(current)}, where current is the default value when missing.
     *
     * @param key the key
     * @param fn computes the new value (null deletes)
     * @return the new value
     */
    V update(K key, UnaryOperator<V> fn);

    /** @return a copy of the entries of the partitions this worker holds */
    Map<K, V> local();
}
