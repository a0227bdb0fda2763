package faust.transport.internal;

import faust.Setting;
import faust.Settings;
import faust.agents.internal.PartitionTracker;
import faust.internal.Clock;
import faust.sensors.internal.CommitMeters;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when to commit and which offsets: every {@code broker_commit_interval} or
 * {@code broker_commit_every} fetched records, each partition up to its first unfinished event, always
 * after the {@link CommitStrategy} made the outputs durable (and after cached table changes were written,
 * before that flush). Used by the fetcher thread only (the consumer is not thread-safe).
 */
final class Committer {
    private final Settings settings;
    private final PartitionHooks hooks;
    private final Map<TopicPartition, PartitionTracker> trackers;
    private final Clock clock;
    private final CommitMeters meters;
    private CommitStrategy strategy;
    private PendingCommit pending;
    private long nextCommit;
    private long fetchedSinceCommit;

    Committer(Settings settings, PartitionHooks hooks, Map<TopicPartition, PartitionTracker> trackers, Clock clock,
              CommitMeters meters) {
        this.settings = settings;
        this.meters = meters;
        this.hooks = hooks;
        this.trackers = trackers;
        this.clock = clock;
        this.nextCommit = clock.nanoTime() + settings.duration(Setting.BROKER_COMMIT_INTERVAL).toNanos();
    }

    /** @param strategy how commits happen (made for the worker's consumer) */
    void use(CommitStrategy strategy) {
        this.strategy = strategy;
    }

    /** @param n records fetched (counted towards {@code broker_commit_every}) */
    void fetched(int n) {
        fetchedSinceCommit += n;
    }

    /** A periodic commit whose flush runs off the fetcher thread. */
    private record PendingCommit(Map<TopicPartition, OffsetAndMetadata> offsets, Thread flusher,
                                 AtomicReference<RuntimeException> error, long started) {
    }

    /**
     * Periodic commits are pipelined so the fetcher keeps fetching: the offsets are taken, the outputs are
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
                long started = p.started();
                strategy.commitAsync(offsets, done -> {
                    meters.committed(started);
                    markCommitted(done);
                });
            }
            return;
        }
        long now = clock.nanoTime();
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
            var error = new AtomicReference<RuntimeException>();
            long started = meters.start();
            CommitStrategy s = strategy;
            Thread flusher = Thread.ofVirtual().name("faust-commit-flush").start(() -> {
                try {
                    s.flush();
                } catch (RuntimeException e) {
                    error.set(e);
                }
            });
            pending = new PendingCommit(offsets, flusher, error, started);
        }
    }

    /** Makes the outputs durable now (a bounded cold-shutdown flush runs it on its own thread). */
    void flushOutputs() {
        strategy.flush();
    }

    /** @return whether a periodic commit's flush is still running (tests) */
    boolean flushing() {
        PendingCommit p = pending;
        return p != null && p.flusher().isAlive();
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
     * Flushes, then commits the committable offsets of these partitions synchronously (rebalance,
     * shutdown). A pipelined commit still in flight is superseded.
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
        long started = meters.start();
        strategy.flush();
        if (hooks != null) {
            hooks.afterFlush();
        }
        if (strategy.commitSync(offsets)) {
            meters.committed(started);
            markCommitted(offsets);
        } else {
            meters.failed();
        }
    }
}
