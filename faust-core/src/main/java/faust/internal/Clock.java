package faust.internal;

import java.util.concurrent.TimeUnit;

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

    /**
     * Sleeps until {@link #nanoTime()} reaches {@code deadlineNanos}: the one place where scheduled work (timers,
     * crontabs) waits for time to pass, so that a test's manual clock wakes it when the test moves time.
     *
     * @param deadlineNanos a {@link #nanoTime()} deadline; returns at once when it passed
     * @throws InterruptedException when interrupted (a stop)
     */
    default void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
