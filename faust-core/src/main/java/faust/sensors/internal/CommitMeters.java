package faust.sensors.internal;

import faust.internal.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Offset commits: how long each took (flush included) and how many failed. Used by the fetcher thread. */
public final class CommitMeters {
    private final Timer latency;
    private final Counter failures;
    private final Clock clock;

    CommitMeters(MeterRegistry registry, Clock clock) {
        this.latency = Timer.builder(faust.sensors.Metrics.COMMIT_LATENCY)
                .description("offset commits, from flushing the producer to the broker's answer")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.failures = Counter.builder(faust.sensors.Metrics.COMMIT_FAILURES)
                .description("offset commits that failed (their events are redone)").register(registry);
        this.clock = clock;
    }

    /** @return the start of a commit, to pass to {@link #committed(long)} */
    public long start() {
        return clock.nanoTime();
    }

    /** @param startNanos what {@link #start()} returned when the commit began */
    public void committed(long startNanos) {
        latency.record(clock.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** A commit failed. */
    public void failed() {
        failures.increment();
    }

    Timer latency() {
        return latency;
    }

    double failures() {
        return failures.count();
    }
}
