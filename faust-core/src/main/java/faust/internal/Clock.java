package faust.internal;

/**
 * Where the runtime reads time: one instance per worker (or per tester), so tests can drive time by hand
 * instead of sleeping. {@link #SYSTEM} in production.
 */
public interface Clock {
    /** The JVM's clocks. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };

    /** @return a monotonic time in nanoseconds, for deadlines and durations (like {@link System#nanoTime()}) */
    long nanoTime();

    /** @return wall-clock time in epoch milliseconds (like {@link System#currentTimeMillis()}) */
    long millis();

    /**
     * @param deadlineNanos a {@link #nanoTime()} deadline
     * @return nanoseconds left until it, never negative
     */
    default long left(long deadlineNanos) {
        return Math.max(0, deadlineNanos - nanoTime());
    }
}
