package faust.transport.internal;

import faust.Setting;
import faust.Settings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets up to each partition's first unfinished event, always after flushing the producer (and
 * writing cached table changes before that flush), so outputs are durable before their inputs are marked
 * done. Used by the fetcher thread only (the consumer is not thread-safe).
 */
final class Committer {
    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final KafkaSender sender;
    private final PartitionHooks hooks;
    private final Map<TopicPartition, PartitionTracker> trackers;
    private KafkaConsumer<byte[], byte[]> consumer;
    private PendingCommit pending;
    private long nextCommit;
    private long fetchedSinceCommit;

    Committer(Settings settings, KafkaSender sender, PartitionHooks hooks,
              Map<TopicPartition, PartitionTracker> trackers) {
        this.settings = settings;
        this.sender = sender;
        this.hooks = hooks;
        this.trackers = trackers;
        this.nextCommit = System.nanoTime() + settings.duration(Setting.BROKER_COMMIT_INTERVAL).toNanos();
    }

    /** @param consumer the worker's consumer */
    void use(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** @param n records fetched (counted towards {@code broker_commit_every}) */
    void fetched(int n) {
        fetchedSinceCommit += n;
    }

    /** A periodic commit whose producer flush runs off the fetcher thread. */
    private record PendingCommit(Map<TopicPartition, OffsetAndMetadata> offsets, Thread flusher,
                                 java.util.concurrent.atomic.AtomicReference<RuntimeException> error) {
    }

    /**
     * Periodic commits are pipelined so the fetcher keeps fetching: the offsets are taken, the producer is
     * flushed on a virtual thread, and once the flush is done the offsets are committed asynchronously.
     */
    void maybeCommit() {
        PendingCommit p = pending;
        if (p != null) {
            if (p.flusher().isAlive()) {
                return;
            }
            pending = null;
            if (p.error().get() != null) {
                throw p.error().get();
            }
            if (hooks != null) {
                hooks.afterFlush();
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(p.offsets());
            offsets.keySet().retainAll(trackers.keySet());
            if (!offsets.isEmpty()) {
                consumer.commitAsync(offsets, (done, err) -> {
                    if (err == null) {
                        markCommitted(done);
                    } else {
                        LOG.warn("commit of {} partitions failed ({}); will retry", done.size(), err.getMessage());
                    }
                });
            }
            return;
        }
        long now = System.nanoTime();
        if (now >= nextCommit || fetchedSinceCommit >= settings.integer(Setting.BROKER_COMMIT_EVERY)) {
            nextCommit = now + settings.duration(Setting.BROKER_COMMIT_INTERVAL).toNanos();
            fetchedSinceCommit = 0;
            Map<TopicPartition, OffsetAndMetadata> offsets = committable(trackers.keySet());
            if (hooks != null) {
                hooks.beforeFlush();
            }
            if (offsets.isEmpty()) {
                return;
            }
            var error = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
            Thread flusher = Thread.ofVirtual().name("faust-commit-flush").start(() -> {
                try {
                    sender.flushAndCheck();
                } catch (RuntimeException e) {
                    error.set(e);
                }
            });
            pending = new PendingCommit(offsets, flusher, error);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionTracker t = trackers.get(tp);
            if (t != null) {
                long o = t.toCommit();
                if (o >= 0) {
                    offsets.put(tp, new OffsetAndMetadata(o));
                }
            }
        }
        return offsets;
    }

    private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> {
            PartitionTracker t = trackers.get(tp);
            if (t != null) {
                t.committed(om.offset());
            }
        });
    }

    /**
     * Flushes the producer, then commits the committable offsets of these partitions synchronously
     * (rebalance, shutdown). A pipelined commit still in flight is superseded.
     */
    void commit(Collection<TopicPartition> partitions) {
        PendingCommit p = pending;
        if (p != null) {
            pending = null;
            try {
                p.flusher().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
        if (hooks != null) {
            hooks.beforeFlush();
        }
        if (offsets.isEmpty()) {
            return;
        }
        sender.flushAndCheck();
        if (hooks != null) {
            hooks.afterFlush();
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            markCommitted(offsets);
            LOG.debug("committed {}", offsets);
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            LOG.warn("commit of {} partitions failed ({}); will retry", offsets.size(), e.getMessage());
        }
    }
}
