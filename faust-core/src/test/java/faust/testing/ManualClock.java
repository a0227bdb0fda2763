package faust.testing;

import faust.internal.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it (wall time starts at 2026-01-01). */
public final class ManualClock implements Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong millis = new AtomicLong(1_767_225_600_000L);

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
        nanos.addAndGet(d.toNanos());
        millis.addAndGet(d.toMillis());
    }
}
