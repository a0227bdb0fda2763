package faust.transport.internal;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At-least-once commits: flush the producer (failing on a lost record), then commit with the consumer. */
public final class AtLeastOnceCommits implements CommitStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(AtLeastOnceCommits.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final KafkaSender sender;

    /**
     * @param consumer the worker's consumer
     * @param sender the worker's producer
     */
    public AtLeastOnceCommits(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, KafkaSender sender) {
        this.consumer = consumer;
        this.sender = sender;
    }

    /**
     * @param sender the worker's producer
     * @return a factory of at-least-once strategies over that producer
     */
    public static CommitStrategy.Factory over(KafkaSender sender) {
        return consumer -> new AtLeastOnceCommits(consumer, sender);
    }

    @Override
    public void flush() {
        sender.flushAndCheck();
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                            Consumer<Map<TopicPartition, OffsetAndMetadata>> committed) {
        consumer.commitAsync(offsets, (done, err) -> {
            if (err == null) {
                committed.accept(done);
            } else {
                LOG.warn("commit of {} partitions failed ({}); will retry", done.size(), err.getMessage());
            }
        });
    }

    @Override
    public boolean commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            LOG.debug("committed {}", offsets);
            return true;
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            LOG.warn("commit of {} partitions failed ({}); will retry", offsets.size(), e.getMessage());
            return false;
        }
    }
}
