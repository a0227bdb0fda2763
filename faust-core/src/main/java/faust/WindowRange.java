package faust;

import java.time.Instant;
import java.util.Objects;

/**
 * One window of a windowed table: {@code [start, end)}, {@code end = start + size}. Python Faust shows the
 * same window as {@code (start, start + size - 0.1)} in float seconds (that is the form its changelog keys
 * use; a Java worker writes and reads it).
 *
 * @param start first instant in the window
 * @param end first instant after it
 */
public record WindowRange(Instant start, Instant end) {
    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}
     */
    public WindowRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window ends after it starts: " + start + " .. " + end);
        }
    }

    /**
     * @param startMillis start, epoch milliseconds
     * @param endMillis end (exclusive), epoch milliseconds
     * @return the window
     */
    public static WindowRange ofMillis(long startMillis, long endMillis) {
        return new WindowRange(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis));
    }

    /**
     * @param time an instant
     * @return whether it falls in this window
     */
    public boolean contains(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** @return e.g. {@code [2026-12-02T02:23:50Z, 2026-12-02T02:24:00Z)} */
    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
