package faust;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A table whose values are kept per time window, made from a table by {@link Table#tumbling},
 * {@link Table#hopping} or {@link Table#sliding} ("page views per page per minute, for the last hour"):
 *
 * <pre>{@code
 * WindowedTable<String, Long> views = app.table("views", String.class, Long.class, t -> t.defaultValue(0L))
 *         .tumbling(Duration.ofMinutes(1), Duration.ofHours(1));
 * app.agent(pageViews, stream -> {
 *     for (Event<String, String> e : stream.events()) {
 *         views.update(e.key(), n -> n + 1);          // the window of the event's timestamp
 *         long thisMinute = views.get(e.key()).current();
 *     }
 * });
 * }</pre>
 *
 * <p>Writes ({@link #update}, {@link #put}, {@link #delete}) apply to every window the table's time falls in:
 * one for tumbling windows, {@code size / step} for hopping ones, as Python Faust. The table's time is the
 * current event's timestamp by default ({@link #relativeToStream()}), the wall clock
 * ({@link #relativeToNow()}) or a field of the event's value ({@link #relativeToField}); writes happen inside
 * an agent, in the partition of the event being processed.
 *
 * <p>Windows are kept {@code expires} after their end: every {@code table_cleanup_interval} (30 s) the worker
 * removes the windows that ended {@code expires} or more before a partition's table time (the newest time its
 * updates used: stream time, as Kafka Streams and Faust) from the store, writes tombstones to the changelog
 * and calls the {@link #onWindowClose} callbacks — once per window, also after a restart. An update to a window
 * already removed is dropped (as Kafka Streams drops records later than its grace period).
 *
 * <p>The changelog {@code <id>-<name>-changelog} has Faust's keys {@code ["home",[1796178230.0,1796178239.9]]}
 * (window in float seconds, end {@code = start + size - 0.1}) and is created with
 * {@code cleanup.policy=compact,delete} and {@code retention.ms} = expires, as Faust creates it.
 *
 * <p><b>Sliding windows</b> ({@link Table#sliding}, Kafka Streams' {@code SlidingWindows}; Python Faust has none)
 * cover {@code [start, start + d]} with both bounds included ({@code d} the time difference) and are made by the
 * records, so the windows an update applies to are the existing windows containing the time, plus the ones the
 * record creates (its own window {@code [t - d, t]}, the window right after the previous record, and, for an
 * out-of-order record, the window right after it), each starting from the aggregate of the records it holds,
 * exactly as Kafka Streams derives them. Differences from the other windows:
 * <ul>
 *   <li>{@link #update} returns the new value of the record's own window {@code [t - d, t]};</li>
 *   <li>a {@link WindowRange} of a sliding window ends 1 ms after its last instant ({@code end} is exclusive
 *       everywhere in this API), {@code [t - d, t + 1ms)}; {@link #step()} is the time difference;</li>
 *   <li>reads by time ({@link WindowSet#current()}, {@code at}, {@code delta}, {@code now}, {@code value}) give the
 *       aggregate of the key's records in {@code [time - d, time]}, the window ending at that time, also when
 *       no record created that window;</li>
 *   <li>{@code expires} is Streams' grace: a window takes updates while its last instant is at or after
 *       {@code table time - expires}, and a record whose windows are all closed is dropped at once (not at the
 *       next sweep); the sweep removes a window (tombstone, {@link #onWindowClose}) {@code 2 × d} after it
 *       closed, once no record Streams would still take can derive a new window from it;</li>
 *   <li>changelog keys are {@code [key,[start,end]]} with {@code end = start + d} (the window's last instant), the
 *       values the table's value bytes, and each record carries the window's newest record time in the header
 *       {@code faust-window-max-time} (decimal epoch ms), which new windows are derived with after a recovery;
 *       {@code retention.ms} is {@code expires + 2 × d + 1 ms}.</li>
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface WindowedTable<K, V> {
    /** @return the table's name */
    String name();

    /** @return the changelog topic, {@code <id>-<name>-changelog} */
    String changelogTopic();

    /**
     * The windows of a key; reading a window that has no value gives the table's default value (null
     * without a default).
     *
     * @param key the key
     * @return its window set, bound to the current event (inside an agent)
     */
    WindowSet<V> get(K key);

    /**
     * Replaces the key's value in every window the table's time falls in.
     *
     * @param key the key
     * @param fn computes the new value from the window's value (the default when missing); null deletes
     * @return the new value of the latest of those windows, or null when every one was closed already
     * @throws FaustException outside an agent (unless {@link #relativeToNow()}) or in a partition this worker
     *     does not hold
     */
    V update(K key, UnaryOperator<V> fn);

    /**
     * Sets the key's value in every window the table's time falls in.
     *
     * @param key the key
     * @param value the value (null deletes)
     */
    void put(K key, V value);

    /**
     * Deletes the key from every window the table's time falls in.
     *
     * @param key the key
     */
    void delete(K key);

    /** @return a copy of every live window of every key this worker holds, by key then window start */
    Map<Windowed<K>, V> local();

    /** @return a view of this table whose time is the current event's timestamp (the default) */
    WindowedTable<K, V> relativeToStream();

    /** @return a view of this table whose time is the worker's wall clock */
    WindowedTable<K, V> relativeToNow();

    /**
     * A view of this table whose time is read from the value of the current event, as Faust's
     * {@code relative_to_field(Model.field)}.
     *
     * @param field gets the time from the event's value: an {@link java.time.Instant}, an
     *              {@link java.time.OffsetDateTime} or {@link java.time.ZonedDateTime}, a number of seconds
     *              since the epoch (Faust's float timestamps), or ISO-8601 text
     * @return the view
     */
    WindowedTable<K, V> relativeToField(Function<Object, ?> field);

    /**
     * Calls {@code callback} once for each window removed by the cleanup sweep, with the key, the window and
     * its last value, on the sweep's thread (keep it short). Windows that expired before a stop but were not
     * swept are reported after the restart; a window is never reported twice by one worker (the sweep's
     * progress is stored with the table's data).
     *
     * @param callback gets the closed window and its value
     * @return this
     */
    WindowedTable<K, V> onWindowClose(BiConsumer<Windowed<K>, V> callback);

    /**
     * @param callback called after the worker recovered the table's partitions from the changelog (after
     *                 each rebalance), on the changelog reader's thread
     * @return this
     */
    WindowedTable<K, V> onRecover(Runnable callback);

    /**
     * @param callback called with every changelog record this worker reads into the table (recovery,
     *                 standbys), key and value decoded, on the changelog reader's thread
     * @return this
     */
    WindowedTable<K, V> onChangelogEvent(Consumer<Event<Windowed<K>, V>> callback);

    /** @return how long a window lasts (sliding windows: the time difference; both its bounds are in it) */
    Duration size();

    /**
     * @return how far apart windows start ({@link #size()} for tumbling windows; for sliding windows, which may
     *     start at any millisecond, also {@link #size()})
     */
    Duration step();

    /**
     * @return how long a window is kept after its end (sliding windows: how long it takes records after its end),
     *     or null when windows are kept for ever
     */
    Duration expires();
}
