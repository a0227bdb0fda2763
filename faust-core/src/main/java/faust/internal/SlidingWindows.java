package faust.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Kafka Streams' sliding windows ({@code SlidingWindows.ofTimeDifferenceAndGrace(d, grace)}) over a windowed
 * table's store: the rules by which Streams' {@code KStreamSlidingWindowAggregate} makes and updates windows,
 * re-stated for a table whose update is a function of the old value.
 *
 * <p>A window {@code [s, s + d]} includes both bounds; its store value carries the newest record time in it
 * ({@link WindowStoreKeys#slidingValue}). A record at {@code t} of a key:
 * <ol>
 *   <li>is dropped when even its right window is closed ({@code t + 1 + d <= closeTime}, where
 *       {@code closeTime = table time - expires}); a window takes updates while its last instant is at or after
 *       {@code closeTime};</li>
 *   <li>updates every existing window containing {@code t} (those starting in {@code [t - d, t]});</li>
 *   <li>creates the right window of the previous record (the newest record before {@code t}, at {@code p}),
 *       {@code [p + 1, p + 1 + d]}, when it does not exist and contains {@code t}: its only record is this one;</li>
 *   <li>creates its own left window {@code [t - d, t]} when it does not exist, from the aggregate of the newest
 *       window ending before {@code t} when the previous record is in {@code [t - d, t)} (that window then holds
 *       exactly the records in {@code [t - d, t)}), from the default value otherwise;</li>
 *   <li>creates its own right window {@code [t + 1, t + 1 + d]}, a copy of the newest window containing {@code t}
 *       (before this record), when it does not exist and records later than {@code t} fall in it (an out-of-order
 *       record).</li>
 * </ol>
 * Every distinct set of records at most {@code d} apart thus has exactly one window, with the aggregate of those
 * records. Unlike Streams, records earlier than {@code d} after the epoch get windows starting before the epoch
 * (Streams puts them all into one {@code [0, d]} window).
 */
final class SlidingWindows {
    /** A window read before the record changes anything: its start and store value. */
    private record Found(long start, byte[] stored) {
    }

    private SlidingWindows() {
    }

    /**
     * Applies one record's update.
     *
     * @param table the windowed table
     * @param spec its (sliding) windows
     * @param key the key's bytes
     * @param p the key's partition
     * @param t the record's time, epoch ms
     * @param fn the update
     * @param <V> value type
     * @return the new value of the record's left window {@code [t - d, t]}, or null when that window is closed
     *     (or {@code fn} deleted it)
     */
    static <V> V update(TableImpl<?, V> table, WindowSpec spec, byte[] key, int p, long t, UnaryOperator<V> fn) {
        TableBackend r = table.backend();
        long d = spec.size();
        long tableTime = r.observe(table, p, t);
        long closeTime = spec.expiring() ? tableTime - spec.expires() : Long.MIN_VALUE;
        if (spec.expiring() && t + 1 + d <= closeTime) {
            return null; // too late even for its right window: dropped, as Kafka Streams drops it
        }
        List<Found> found = new ArrayList<>(4);
        r.scan(table, p, WindowStoreKeys.window(key, t - 2 * d), WindowStoreKeys.window(key, t + 2),
                (k, v) -> found.add(new Found(WindowStoreKeys.start(k), v)));
        Update<V> u = new Update<>(table, key, p, t, d, closeTime, fn);
        byte[] leftAgg = null;
        byte[] rightAgg = null;
        long previous = Long.MIN_VALUE;
        boolean hasPrevious = false;
        boolean leftExists = false;
        boolean rightExists = false;
        V result = null;
        for (Found w : found) {
            long end = w.start + d;
            long maxTime = WindowStoreKeys.maxTime(w.stored);
            if (end < t) {
                leftAgg = w.stored; // the newest window ending before t wins (found in start order)
                previous = maxTime;
                hasPrevious = true;
            } else if (end == t) {
                leftExists = true;
                if (maxTime < t) {
                    previous = maxTime;
                    hasPrevious = true;
                }
                result = u.apply(w.start, w.stored);
            } else if (w.start <= t) {
                rightAgg = w.stored; // the newest window containing t, before this record
                u.apply(w.start, w.stored);
            } else {
                rightExists = true; // starts at t + 1
            }
        }
        if (hasPrevious && previous + 1 + d >= t && !startsAt(found, previous + 1)) {
            u.apply(previous + 1, null);
        }
        if (!leftExists) {
            boolean fromPrevious = hasPrevious && previous >= t - d;
            result = u.create(t - d, fromPrevious ? leftAgg : null);
        }
        if (!rightExists && rightAgg != null && WindowStoreKeys.maxTime(rightAgg) > t) {
            r.write(table, p, WindowStoreKeys.window(key, t + 1), rightAgg);
        }
        return result;
    }

    private static boolean startsAt(List<Found> found, long start) {
        for (Found w : found) {
            if (w.start == start) {
                return true;
            }
        }
        return false;
    }

    /** Writes the record's update into windows. */
    private record Update<V>(TableImpl<?, V> table, byte[] key, int p, long t, long d, long closeTime,
                             UnaryOperator<V> fn) {
        /**
         * @param start a window start
         * @param stored the window's store value, or null for a new window (the default value)
         * @return the window's new value, or null when the window is closed
         */
        V apply(long start, byte[] stored) {
            if (start + d < closeTime) {
                return null; // closed: Streams skips the window
            }
            V old = stored == null ? table.missingValue() : table.decodeStored(stored);
            long maxTime = stored == null ? t : Math.max(t, WindowStoreKeys.maxTime(stored));
            return write(start, fn.apply(old), maxTime);
        }

        /**
         * @param start the start of the record's new left window
         * @param from the store value whose aggregate it starts from, or null for the default value
         * @return the window's new value, or null when it is closed
         */
        V create(long start, byte[] from) {
            if (start + d < closeTime) {
                return null;
            }
            V old = from == null ? table.missingValue() : table.decodeStored(from);
            return write(start, fn.apply(old), t);
        }

        private V write(long start, V next, long maxTime) {
            byte[] stored = next == null ? null : WindowStoreKeys.slidingValue(maxTime, table.encodeValue(next));
            table.backend().write(table, p, WindowStoreKeys.window(key, start), stored);
            return next;
        }
    }

    /**
     * The aggregate of a key's records in {@code [ts - d, ts]}: the window ending at {@code ts} when there is one,
     * else derived as a new left window at {@code ts} would be (the newest window ending before {@code ts} when
     * its newest record is at or after {@code ts - d}), else the default value.
     *
     * @param table the windowed table
     * @param spec its (sliding) windows
     * @param key the key's bytes
     * @param p its partition
     * @param ts a time, epoch ms
     * @param <V> value type
     * @return the value
     */
    static <V> V valueAt(TableImpl<?, V> table, WindowSpec spec, byte[] key, int p, long ts) {
        TableBackend r = table.backend();
        long d = spec.size();
        if (spec.end(ts - d) <= r.closedUpTo(table, p)) {
            return table.missingValue(); // removed by the sweep
        }
        byte[] own = r.read(table, p, WindowStoreKeys.window(key, ts - d));
        if (own != null) {
            return table.decodeStored(own);
        }
        byte[][] newest = new byte[1][];
        r.scan(table, p, WindowStoreKeys.window(key, ts - 2 * d), WindowStoreKeys.window(key, ts - d),
                (k, v) -> newest[0] = v);
        return newest[0] != null && WindowStoreKeys.maxTime(newest[0]) >= ts - d
                ? table.decodeStored(newest[0]) : table.missingValue();
    }
}
