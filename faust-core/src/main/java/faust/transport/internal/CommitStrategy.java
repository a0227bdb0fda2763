package faust.transport.internal;

import faust.agents.internal.CommitGate;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How a commit happens, once the {@link Committer} decided when and which offsets: first make what the agents
 * produced durable, then mark the inputs done. At-least-once ({@link AtLeastOnceCommits}) flushes the
 * producer and commits offsets with the consumer; exactly-once (later) will send the offsets in the
 * producer's transaction and commit the transaction instead — a second implementation of this interface,
 * chosen where the fetcher is built.
 */
public interface CommitStrategy {
    /** Makes one for the worker's consumer. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param consumer the worker's consumer (used on the fetcher thread only)
         * @return the strategy
         */
        CommitStrategy create(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer);
    }

    /**
     * Blocks until everything produced so far is durable; may run off the fetcher thread (periodic commits
     * flush on a virtual thread while fetching goes on).
     *
     * @throws faust.FaustException when a record was lost: nothing after it may be committed
     */
    void flush();

    /**
     * Marks offsets done without waiting; called on the fetcher thread after {@link #flush()} returned.
     *
     * @param offsets next offset to read, per partition
     * @param committed told (on the fetcher thread, during a later poll) what was committed
     */
    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                     Consumer<Map<TopicPartition, OffsetAndMetadata>> committed);

    /**
     * Marks offsets done and waits (rebalance, shutdown); called on the fetcher thread after {@link #flush()}.
     *
     * @param offsets next offset to read, per partition
     * @return whether they were committed (a failure is logged; the events are redone later)
     */
    boolean commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * @return the gate that events are counted in and that a commit closes for its cut (exactly-once); null when
     *     commits need no cut (at-least-once)
     */
    default CommitGate gate() {
        return null;
    }

    /** Exactly-once: aborts the open transaction (after a failed commit, lost partitions, a cold stop). */
    default void abort() {
    }

    /**
     * Exactly-once: waits until no transaction of a former owner of these partitions is pending (a transaction that
     * sent their offsets and is being committed or aborted), so that table recovery, which reads changelogs up to
     * their last stable offset, sees everything committed with the offsets this worker starts from (fetcher
     * thread, inside the rebalance, before recovery starts: as Kafka Streams does).
     *
     * @param partitions newly assigned partitions
     */
    default void awaitStable(java.util.Collection<TopicPartition> partitions) {
    }

    /**
     * Exactly-once: the open transaction must never be committed (an abort could not take its cut): any later
     * commit fails, an abort clears it.
     */
    default void poison() {
    }

    /**
     * Exactly-once: rewinds inputs after an abort (fetcher thread).
     *
     * @param offsets offset to read next, per partition
     */
    default void seek(Map<TopicPartition, Long> offsets) {
    }
}
