package faust;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
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

    /**
     * Makes this table a table of tumbling windows ({@code size} long, back to back), as Faust's
     * {@code table.tumbling(size, expires)}. Call it once, where the table is declared; from then on use the
     * returned {@link WindowedTable} (the plain reads and writes of this table refuse).
     *
     * @param size how long a window lasts
     * @param expires how long a window is kept after its end, or null to keep windows for ever
     * @return the windowed table (time: the current event's timestamp)
     * @throws ConfigException for a size or expires that is not positive, or when the table is windowed already
     */
    WindowedTable<K, V> tumbling(Duration size, Duration expires);

    /**
     * Makes this table a table of hopping windows ({@code size} long, one starting every {@code step}), as
     * Faust's {@code table.hopping(size, step, expires)}: an event falls in {@code size / step} windows.
     *
     * @param size how long a window lasts
     * @param step how far apart windows start (at most {@code size})
     * @param expires how long a window is kept after its end, or null to keep windows for ever
     * @return the windowed table (time: the current event's timestamp)
     * @throws ConfigException for lengths that are not positive, or when the table is windowed already
     */
    WindowedTable<K, V> hopping(Duration size, Duration step, Duration expires);

    /**
     * Makes this table a table of sliding windows as Kafka Streams defines them
     * ({@code SlidingWindows.ofTimeDifferenceAndGrace(timeDifference, expires)}; Python Faust has none): a window
     * covers {@code [start, start + timeDifference]}, both bounds included, and windows are made by the records
     * — each record's own window {@code [t - timeDifference, t]} and, when later records fall in it,
     * {@code [t + 1ms, t + 1ms + timeDifference]} — so every distinct set of records at most
     * {@code timeDifference} apart has one window. An update applies to every window that contains the time;
     * a record arriving out of order (within {@code expires}) gets its new windows derived from the existing ones
     * exactly as Kafka Streams derives them. See {@link WindowedTable} for what reads return.
     *
     * @param timeDifference the largest time difference between records of one window
     * @param expires how long after its end a window still takes records (Streams' grace period), or null to
     *                keep windows for ever
     * @return the windowed table (time: the current event's timestamp)
     * @throws ConfigException for lengths that are not positive, or when the table is windowed already
     */
    WindowedTable<K, V> sliding(Duration timeDifference, Duration expires);

    /**
     * @param callback called after this worker recovered the table's partitions from the changelog (after
     *                 each assignment), on the changelog reader's thread (keep it short)
     * @return this
     */
    Table<K, V> onRecover(Runnable callback);

    /**
     * @param callback called with every changelog record this worker reads into the table (recovery,
     *                 standbys, global tables), key and value decoded (value null for a delete), on the
     *                 changelog reader's thread (keep it short)
     * @return this
     */
    Table<K, V> onChangelogEvent(Consumer<Event<K, V>> callback);
}
