package faust.internal;

import faust.ConfigException;
import java.time.Duration;

/**
 * The windows of a windowed table, in epoch milliseconds.
 *
 * <p>Tumbling and hopping windows are computed as Python Faust computes them: a window starts at a multiple of
 * {@code step} ({@code step == size} for tumbling windows) and covers {@code [start, start + size)}; an event at
 * {@code ts} falls in every window with {@code start <= ts < start + size} (one for tumbling, {@code size / step}
 * for hopping).
 *
 * <p>Sliding windows are Kafka Streams' ({@code SlidingWindows.ofTimeDifferenceAndGrace}): {@code size} is the
 * time difference {@code d}, a window {@code [start, start + d]} includes both bounds (so its exclusive
 * {@link #end} is {@code start + d + 1}), and the records create the windows ({@link SlidingWindows}).
 *
 * @param size window length in ms (sliding: the time difference, both bounds included)
 * @param step distance between window starts in ms ({@code == size}: tumbling; sliding: {@code == size})
 * @param expires how long after its end a window is kept, in ms; {@code -1}: forever (sliding: the grace)
 * @param sliding whether these are Kafka Streams' sliding windows
 */
public record WindowSpec(long size, long step, long expires, boolean sliding) {
    /** A window is never removed. */
    public static final long NEVER = -1;

    /**
     * Checks the lengths.
     *
     * @throws ConfigException when a length is not positive or the step is larger than the size
     */
    public WindowSpec {
        if (sliding && (size <= 0 || step != size)) {
            throw new ConfigException("a sliding window's time difference must be positive, not " + size + " ms");
        }
        if (size <= 0) {
            throw new ConfigException("a window size must be positive, not " + size + " ms");
        }
        if (step <= 0 || step > size) {
            throw new ConfigException("a hopping window's step must be positive and at most its size ("
                    + size + " ms), not " + step + " ms");
        }
        if (expires < 0 && expires != NEVER) {
            throw new ConfigException("a window's expires must be positive, not " + expires + " ms");
        }
    }

    /**
     * A tumbling or hopping window.
     *
     * @param size window length in ms
     * @param step distance between window starts in ms
     * @param expires how long after its end a window is kept, in ms; {@code -1}: forever
     * @throws ConfigException when a length is not positive or the step is larger than the size
     */
    public WindowSpec(long size, long step, long expires) {
        this(size, step, expires, false);
    }

    /**
     * Kafka Streams' sliding windows ({@code SlidingWindows.ofTimeDifferenceAndGrace(timeDifference, expires)}).
     *
     * @param timeDifference the largest time difference between two records of one window (both bounds included)
     * @param expires how long after its end a window still takes records (Streams' grace), or null for ever
     * @return the spec
     * @throws ConfigException for a time difference or expires that is not positive
     */
    public static WindowSpec sliding(Duration timeDifference, Duration expires) {
        if (timeDifference == null || timeDifference.toMillis() <= 0) {
            throw new ConfigException("a sliding window needs a time difference of at least 1 ms, not "
                    + timeDifference);
        }
        checkExpires(expires);
        long d = timeDifference.toMillis();
        return new WindowSpec(d, d, expires == null ? NEVER : expires.toMillis(), true);
    }

    /**
     * @param size window size
     * @param step step (size for tumbling)
     * @param expires how long closed windows are kept, or null for ever
     * @return the spec
     * @throws ConfigException for a size, step or expires that is not positive
     */
    public static WindowSpec of(Duration size, Duration step, Duration expires) {
        if (size == null || step == null) {
            throw new ConfigException("a window needs a size (and a step for hopping windows)");
        }
        checkExpires(expires);
        return new WindowSpec(size.toMillis(), step.toMillis(), expires == null ? NEVER : expires.toMillis());
    }

    private static void checkExpires(Duration expires) {
        if (expires != null && (expires.isZero() || expires.isNegative())) {
            throw new ConfigException("a window's expires must be positive, not " + expires
                    + " (leave it out to keep windows for ever)");
        }
    }

    /** @return whether windows overlap at fixed steps (hopping) */
    public boolean hopping() {
        return step != size;
    }

    /** @return whether closed windows are removed */
    public boolean expiring() {
        return expires != NEVER;
    }

    /**
     * @param ts an event time
     * @return the start of the earliest window {@code ts} falls in; the others follow every {@link #step}
     *     while {@code start <= ts} (Faust's {@code ranges})
     */
    public long first(long ts) {
        return Math.floorDiv(ts, step) * step - size + step;
    }

    /**
     * @param ts an event time
     * @return the start of the latest window {@code ts} falls in (Faust's {@code current})
     */
    public long current(long ts) {
        return Math.floorDiv(ts, step) * step;
    }

    /**
     * @param start a window start
     * @return its end (exclusive): {@code start + size}; sliding: {@code start + size + 1} (the window includes
     *     {@code start + size})
     */
    public long end(long start) {
        return sliding ? start + size + 1 : start + size;
    }

    /**
     * @param tableTime a partition's table time (stream time)
     * @return the sweep's new watermark: windows ending at or before it are removed. Tumbling and hopping windows
     *     go {@code expires} after their end; a sliding window stays {@code 2 × size} longer, as long as a record
     *     Kafka Streams would still take can derive a new window from it (records are taken until their right
     *     window closes, and derive from windows starting up to {@code 2 × size} before them)
     */
    public long sweepUpTo(long tableTime) {
        return sliding ? tableTime - expires - 2 * size : tableTime - expires;
    }

    /** @return the changelog's {@code retention.ms}: expires, and for sliding windows as long as they are kept */
    public long retention() {
        return sliding ? expires + 2 * size + 1 : expires;
    }

    /**
     * @param start a window start in ms
     * @return the start as Faust writes it in a changelog key: float seconds
     */
    public static double seconds(long start) {
        return start / 1000.0;
    }

    /**
     * @param start a window start in ms
     * @return the end as Faust writes it in a changelog key: {@code start + size - 0.1}, float seconds,
     *     computed in Faust's order; sliding (which Faust has not): {@code start + size}, the last instant in the
     *     window
     */
    public double faustEnd(long start) {
        return sliding ? (start + size) / 1000.0 : start / 1000.0 + size / 1000.0 - 0.1;
    }

    /** @return e.g. {@code tumbling 60 s, expires 3600 s} */
    public String describe() {
        String kind = sliding ? "sliding " + text(size)
                : hopping() ? "hopping " + text(size) + " step " + text(step) : "tumbling " + text(size);
        return kind + (expiring() ? ", expires " + text(expires) : ", never expires");
    }

    private static String text(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
