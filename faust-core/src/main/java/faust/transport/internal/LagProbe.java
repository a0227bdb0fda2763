package faust.transport.internal;

import faust.agents.internal.PartitionTracker;
import faust.internal.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * About once a second, tells each partition's tracker its read position and high-water mark as the consumer knows
 * them from its last fetches ({@code currentLag}: no request to the broker), so the sensors can report the lag
 * (high-water mark − committed offset). Used by the fetcher thread only; does nothing when the sensors are off.
 */
final class LagProbe {
    private static final long EVERY = 1_000_000_000L;

    private final Clock clock;
    private final boolean enabled;
    private long next;

    LagProbe(Clock clock, boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    void maybeSample(Consumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionTracker> trackers) {
        if (!enabled) {
            return;
        }
        long now = clock.nanoTime();
        if (now < next) {
            return;
        }
        next = now + EVERY;
        for (Map.Entry<TopicPartition, PartitionTracker> e : trackers.entrySet()) {
            TopicPartition tp = e.getKey();
            try {
                OptionalLong lag = consumer.currentLag(tp);
                if (lag.isEmpty()) {
                    continue; // nothing fetched from it yet (e.g. paused while its tables recover)
                }
                // The position is known once the consumer fetched from the partition: this does not block.
                long position = consumer.position(tp, Duration.ZERO);
                e.getValue().sampled(position, position + lag.getAsLong());
            } catch (KafkaException | IllegalStateException ex) {
                // not assigned any more, or no position yet: try again next time
            }
        }
    }
}
