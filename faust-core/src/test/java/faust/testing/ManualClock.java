package faust.testing;

import faust.internal.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test moves it (wall time starts at 2026-01-01T00:00:00Z). Threads sleeping
 * in {@link #sleepUntil} wake when {@link #advance} moves the clock past their deadline; {@link #sleepers()}
 * tells a test how many sleep now (so it moves time only once they do).
 */
public final class ManualClock implements Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong millis = new AtomicLong(1_767_225_600_000L);
    private int sleepers;

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** @param d how far to move both clocks */
    public void advance(Duration d) {
        synchronized (this) {
            nanos.addAndGet(d.toNanos());
            millis.addAndGet(d.toMillis());
            notifyAll();
        }
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) throws InterruptedException {
        sleepers++;
        try {
            while (nanos.get() < deadlineNanos) {
                wait(100);
            }
        } finally {
            sleepers--;
        }
    }

    /** @return how many threads sleep in {@link #sleepUntil} now */
    public synchronized int sleepers() {
        return sleepers;
    }
}
