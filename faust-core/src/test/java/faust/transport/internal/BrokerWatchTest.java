package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.internal.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BrokerWatchTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final BrokerWatch watch = new BrokerWatch(Clock.SYSTEM, "localhost:9092");

    @Test
    void aConsumerStillAttemptingAConnectionThroughTheOutageReportsItOnceAndAgainAfterTheBrokerCameBack() {
        double responses = 100;
        double closes = 0;
        watch.observe(0, 1, responses, closes);
        watch.observe(S, 1, ++responses, closes);
        // The broker is gone: the count stays at 1 (a connection being attempted), refused attempts are closed.
        for (int t = 2; t <= 9; t++) {
            watch.observe(t * S, 1, responses, ++closes);
        }
        assertThat(watch.outages()).as("one outage reported, not one per check").isEqualTo(1);
        watch.observe(10 * S, 1, ++responses, closes);
        for (int t = 11; t <= 20; t++) {
            watch.observe(t * S, 1, ++responses, closes);
        }
        assertThat(watch.outages()).isEqualTo(1);
        for (int t = 21; t <= 26; t++) {
            watch.observe(t * S, 0, responses, closes);
        }
        assertThat(watch.outages()).as("a second outage, with no connection at all").isEqualTo(2);
    }

    @Test
    void aConsumerWithEveryPartitionPausedIsNotAnOutage() {
        // No fetches, heartbeats only every few seconds: no responses for a while, but no connection closed.
        watch.observe(0, 1, 50, 3);
        for (int t = 1; t <= 8; t++) {
            watch.observe(t * S, 1, 50, 3);
        }
        assertThat(watch.outages()).isZero();
    }
}
