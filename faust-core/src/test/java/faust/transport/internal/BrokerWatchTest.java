package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import faust.internal.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void close() {
        watch.close();
    }

    /**
     * Under exactly-once the fetcher's loop can wait in a transaction's commit for the whole outage and never call
     * {@code check} again: the watch still notices, on its own thread (the long fault run under exactly_once saw no
     * "lost the connection" line at all).
     */
    @Test
    void anOutageIsNoticedWhileTheFetcherLoopIsBlocked() {
        AtomicLong connections = new AtomicLong(1);
        AtomicLong responses = new AtomicLong(10);
        AtomicLong closes = new AtomicLong(0);
        watch.bind(Map.of(name("connection-count"), metric(connections), name("response-total"), metric(responses),
                name("connection-close-total"), metric(closes)));
        connections.set(0); // the broker went away; nobody calls check() any more
        await("the outage reported without the fetcher's loop").atMost(Duration.ofSeconds(15))
                .until(() -> watch.outages() == 1);
        connections.set(1);
        responses.addAndGet(5);
        await("the broker back").atMost(Duration.ofSeconds(15)).until(() -> {
            responses.incrementAndGet();
            connections.set(0);
            connections.set(1);
            return watch.outages() == 1 && !watch.reporting();
        });
    }

    private static MetricName name(String name) {
        return new MetricName(name, "consumer-metrics", "", Map.of());
    }

    private static Metric metric(AtomicLong value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return name("x");
            }

            @Override
            public Object metricValue() {
                return (double) value.get();
            }
        };
    }
}
