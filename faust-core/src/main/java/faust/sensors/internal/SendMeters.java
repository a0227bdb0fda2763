package faust.sensors.internal;

import faust.internal.Clock;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The producer's sampled send latency: one send in {@value #EVERY} is timed from {@code send} to the broker's
 * acknowledgement. Counts by topic come from the producer's own metrics ({@link SendSource}), so an unsampled
 * send costs one increment of a plain field.
 */
public final class SendMeters {
    /** Meters nothing. */
    public static final SendMeters NONE = new SendMeters(null, Clock.SYSTEM);
    /** One send in this many is timed. */
    static final int EVERY = 16;

    private final Timer latency;
    private final Clock clock;
    private int seq;

    /**
     * @param latency where sampled latencies go, or null to time nothing
     * @param clock the worker's clock
     */
    public SendMeters(Timer latency, Clock clock) {
        this.latency = latency;
        this.clock = clock;
    }

    /**
     * Called for every send, on the sending thread.
     *
     * @return the time to pass to {@link #acked(long)} when this send is timed, else -1
     */
    public long start() {
        if (latency == null || (++seq & (EVERY - 1)) != 0) { // a racy count is fine: it only picks samples
            return -1;
        }
        return clock.nanoTime();
    }

    /**
     * Called when the broker acknowledged (or refused) a send.
     *
     * @param startNanos what {@link #start()} returned
     */
    public void acked(long startNanos) {
        if (startNanos >= 0) {
            latency.record(clock.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }
}
