package faust.transport.internal;

import faust.agents.internal.CommitGate;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once commits (Kafka Streams' {@code exactly_once_v2}, KIP-447): one transactional producer per worker;
 * a commit takes a consistent cut ({@link CommitGate}: no event in flight), writes the cached table changes into
 * the open transaction, sends the input offsets into it with the consumer's group metadata (a worker no longer
 * in the group's generation is refused: a zombie writes nothing) and commits it. A failed commit is aborted and
 * the {@link Committer} rewinds the inputs to their last committed offsets.
 */
public final class ExactlyOnceCommits implements CommitStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCommits.class);

    /** Longer than the transaction timeout (10 s) plus the broker's check for timed-out transactions (10 s). */
    private static final java.time.Duration STABLE_TIMEOUT = java.time.Duration.ofSeconds(45);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final KafkaSender sender;
    private final CommitGate gate = new CommitGate();

    /**
     * @param consumer the worker's consumer
     * @param sender the worker's transactional producer
     */
    public ExactlyOnceCommits(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, KafkaSender sender) {
        if (!sender.transactional()) {
            throw new IllegalArgumentException("exactly-once commits need a transactional producer");
        }
        this.consumer = consumer;
        this.sender = sender;
    }

    /**
     * @param sender the worker's transactional producer
     * @return a factory of exactly-once strategies over that producer
     */
    public static CommitStrategy.Factory over(KafkaSender sender) {
        return consumer -> new ExactlyOnceCommits(consumer, sender);
    }

    @Override
    public CommitGate gate() {
        return gate;
    }

    /** Nothing to do: committing the transaction flushes it. */
    @Override
    public void flush() {
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                            Consumer<Map<TopicPartition, OffsetAndMetadata>> committed) {
        if (commitSync(offsets)) {
            committed.accept(offsets);
        }
    }

    /**
     * Commits the open transaction with these offsets (the caller took the cut). A commit that timed out is
     * retried by the sender: it may have been committed, so it must not be aborted.
     *
     * @return false when it failed and must be aborted ({@link #abort()}) and the inputs rewound
     * @throws KafkaException when the commit kept timing out (its outcome is unknown: the worker must stop; a
     *     restart under the same transactional id completes or aborts it)
     */
    @Override
    public boolean commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            sender.commitTransaction(offsets, consumer.groupMetadata());
            return true;
        } catch (TimeoutException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("the transaction of {} partitions' offsets was not committed ({}); aborting it",
                    offsets.size(), e.toString());
            return false;
        }
    }

    @Override
    public void abort() {
        sender.abortTransaction();
    }

    @Override
    public void awaitStable(java.util.Collection<TopicPartition> partitions) {
        try {
            // read_committed: the offset fetch waits while a transaction holding offsets of them is pending
            consumer.committed(new java.util.HashSet<>(partitions), STABLE_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warn("exactly-once: the committed offsets of {} partitions did not become stable within {} s ({});"
                    + " recovering their tables anyway", partitions.size(), STABLE_TIMEOUT.toSeconds(), e.toString());
        }
    }

    @Override
    public void poison() {
        sender.poison();
    }

    @Override
    public void seek(Map<TopicPartition, Long> offsets) {
        offsets.forEach(consumer::seek);
    }
}
