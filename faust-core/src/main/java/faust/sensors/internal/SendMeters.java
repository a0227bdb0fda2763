package faust.sensors.internal;

import faust.internal.Clock;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The producer's sampled send latency: one send in {@value #EVERY} (picked at random), and the first send after
 * each tick of the sampler (once a second, so a slow producer is timed too), is timed from {@code send} to the
 * broker's acknowledgement. Counts by topic come from the producer's own metrics ({@link SendSource}), so an
 * unsampled send costs a random number and a read of a flag: no clock, no shared write, and nothing on the
 * producer's network thread, where the acknowledgements run.
 */
public final class SendMeters {
    /** Meters nothing. */
    public static final SendMeters NONE = new SendMeters(null, Clock.SYSTEM);
    /** One send in this many is timed (besides the first after each of the sampler's ticks). */
    static final int EVERY = 4096;

    private final Timer latency;
    private final Clock clock;
    private volatile boolean armed = true;

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
        if (latency == null) {
            return -1;
        }
        if (armed) {
            armed = false; // racy: two sends may both be timed, which is fine
        } else if ((ThreadLocalRandom.current().nextInt() & (EVERY - 1)) != 0) {
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

    /** Times the next send (the sampler, once a second). */
    void arm() {
        armed = true;
    }
}
