package faust.sensors.internal;

import faust.internal.Clock;
import faust.sensors.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Rebalances as the consumer's rebalance listener sees them: how many, how long from the first callback to the
 * end of the assignment, how long handing partitions back took, and how many partitions moved. Used by the
 * fetcher thread (the listener runs inside {@code poll}).
 */
public final class RebalanceMeters {
    private final Counter rebalances;
    private final Timer duration;
    private final Timer revokeDuration;
    private final Counter assigned;
    private final Counter revoked;
    private final Counter lost;
    private final Clock clock;
    private long began = -1;

    RebalanceMeters(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.rebalances = Counter.builder(Metrics.REBALANCES).description("rebalances this worker took part in")
                .register(registry);
        this.duration = Timer.builder(Metrics.REBALANCE_DURATION)
                .description("rebalances, from the first callback to the end of the assignment").register(registry);
        this.revokeDuration = Timer.builder(Metrics.REBALANCE_REVOKE_DURATION)
                .description("handing partitions back: finishing their events in flight, committing")
                .register(registry);
        this.assigned = partitions(registry, "assigned");
        this.revoked = partitions(registry, "revoked");
        this.lost = partitions(registry, "lost");
    }

    private static Counter partitions(MeterRegistry registry, String change) {
        return Counter.builder(Metrics.REBALANCE_PARTITIONS).tag("change", change)
                .description("partitions that moved in rebalances").register(registry);
    }

    /** @return the start of handing partitions back, to pass to {@link #revoked(int, long)} */
    public long revoking() {
        long now = clock.nanoTime();
        if (began < 0) {
            began = now;
        }
        return now;
    }

    /**
     * Partitions were handed back (their events finished, their offsets committed).
     *
     * @param n how many
     * @param startNanos what {@link #revoking()} returned
     */
    public void revoked(int n, long startNanos) {
        revoked.increment(n);
        revokeDuration.record(clock.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** An assignment callback begins. */
    public void assigning() {
        if (began < 0) {
            began = clock.nanoTime();
        }
    }

    /**
     * An assignment callback ended: the rebalance is over for this worker.
     *
     * @param n partitions newly assigned
     */
    public void assigned(int n) {
        assigned.increment(n);
        rebalances.increment();
        if (began >= 0) {
            duration.record(clock.nanoTime() - began, TimeUnit.NANOSECONDS);
        }
        began = -1;
    }

    /** @param n partitions lost without a clean hand-over */
    public void lost(int n) {
        lost.increment(n);
    }

    double count() {
        return rebalances.count();
    }

    Timer duration() {
        return duration;
    }

    Timer revokeDuration() {
        return revokeDuration;
    }
}
