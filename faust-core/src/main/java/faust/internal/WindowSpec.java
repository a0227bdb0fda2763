package faust.internal;

import faust.ConfigException;
import java.time.Duration;

/**
 * The windows of a windowed table, in epoch milliseconds, computed as Python Faust computes them: a window
 * starts at a multiple of {@code step} ({@code step == size} for tumbling windows) and covers
 * {@code [start, start + size)}; an event at {@code ts} falls in every window with
 * {@code start <= ts < start + size} (one for tumbling, {@code size / step} for hopping).
 *
 * @param size window length in ms
 * @param step distance between window starts in ms ({@code == size}: tumbling)
 * @param expires how long after its end a window is kept, in ms; {@code -1}: forever
 */
public record WindowSpec(long size, long step, long expires) {
    /** A window is never removed. */
    public static final long NEVER = -1;

    /**
     * Checks the lengths.
     *
     * @throws ConfigException when a length is not positive or the step is larger than the size
     */
    public WindowSpec {
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
        if (expires != null && (expires.isZero() || expires.isNegative())) {
            throw new ConfigException("a window's expires must be positive, not " + expires
                    + " (leave it out to keep windows for ever)");
        }
        return new WindowSpec(size.toMillis(), step.toMillis(), expires == null ? NEVER : expires.toMillis());
    }

    /** @return whether windows overlap (hopping) */
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
     * @return its end (exclusive): {@code start + size}
     */
    public long end(long start) {
        return start + size;
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
     *     computed in Faust's order
     */
    public double faustEnd(long start) {
        return start / 1000.0 + size / 1000.0 - 0.1;
    }

    /** @return e.g. {@code tumbling 60 s, expires 3600 s} */
    public String describe() {
        String kind = hopping() ? "hopping " + text(size) + " step " + text(step) : "tumbling " + text(size);
        return kind + (expiring() ? ", expires " + text(expires) : ", never expires");
    }

    private static String text(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
