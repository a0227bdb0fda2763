package faust.sensors.internal;

import faust.internal.Clock;

/** The worker's clock as Micrometer's (a test's manual clock drives the meters too). */
final class MicrometerClock implements io.micrometer.core.instrument.Clock {
    private final Clock clock;

    private MicrometerClock(Clock clock) {
        this.clock = clock;
    }

    static io.micrometer.core.instrument.Clock of(Clock clock) {
        return new MicrometerClock(clock);
    }

    @Override
    public long wallTime() {
        return clock.millis();
    }

    @Override
    public long monotonicTime() {
        return clock.nanoTime();
    }
}
