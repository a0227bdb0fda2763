package faust.transport.internal;

import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.agents.internal.CommitGate;
import faust.agents.internal.PartitionTracker;
import faust.internal.Clock;
import java.time.Duration;
import faust.sensors.internal.CommitMeters;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to commit and which offsets: every {@code broker_commit_interval} or
 * {@code broker_commit_every} fetched records, each partition up to its first unfinished event, always
 * after the {@link CommitStrategy} made the outputs durable (and after cached table changes were written,
 * before that flush). Used by the fetcher thread only (the consumer is not thread-safe).
 *
 * <p>Exactly-once (the strategy has a {@link CommitGate}): a commit closes the gate and waits until no event is in
 * flight (the cut), writes the cached table changes into the transaction, takes the offsets and commits them in
 * the transaction; only then are table changes applied to the stores. A failed commit, or partitions lost, aborts
 * the transaction, discards the tables' uncommitted changes and rewinds every input to its last committed offset.
 */
final class Committer {
    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
    /** How long an exactly-once commit waits for the events in flight to finish before trying again later. */
    private static final Duration CUT_TIMEOUT = Duration.ofSeconds(5);
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
        this.nextCommit = clock.nanoTime() + Guarantee.commitInterval(settings).toNanos();
    }

    /** @param strategy how commits happen (made for the worker's consumer) */
    void use(CommitStrategy strategy) {
        this.strategy = strategy;
    }

    /** @return the gate of exactly-once commits that trackers count their events in, or null */
    CommitGate gate() {
        return strategy == null ? null : strategy.gate();
    }

    /** @return whether commits are transactions (exactly-once) */
    boolean transactional() {
        return gate() != null;
    }

    /** @param partitions newly assigned: exactly-once waits until no transaction of a former owner is pending */
    void awaitStable(Collection<TopicPartition> partitions) {
        if (transactional() && !partitions.isEmpty()) {
            strategy.awaitStable(partitions);
        }
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
        if (transactional()) {
            long now = clock.nanoTime();
            if (now >= nextCommit || fetchedSinceCommit >= settings.integer(Setting.BROKER_COMMIT_EVERY)) {
                nextCommit = now + Guarantee.commitInterval(settings).toNanos();
                fetchedSinceCommit = 0;
                commitTransaction();
            }
            return;
        }
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
            nextCommit = now + Guarantee.commitInterval(settings).toNanos();
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
        if (transactional()) {
            // The transaction holds the outputs of every partition's finished events: all their offsets go in it.
            // Partitions are released after this: a transaction that could not be committed must not be committed
            // later without their offsets, so it is aborted (or, failing that, the worker stops).
            if (!commitTransaction()) {
                abort();
            }
            return;
        }
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

    /**
     * Exactly-once: takes the cut, commits the transaction with every partition's offsets, applies the table
     * changes; on failure aborts and rewinds. Skipped (tried again at the next interval) when events stay in
     * flight past the cut's timeout.
     *
     * @return false when it was skipped (the transaction is still open)
     */
    private boolean commitTransaction() {
        CommitGate gate = strategy.gate();
        try {
            if (!closeGate(gate)) {
                LOG.warn("exactly-once commit postponed: {} events still in flight after {} ms", gate.inFlight(),
                        CUT_TIMEOUT.toMillis());
                return false;
            }
            if (hooks != null) {
                hooks.beforeFlush();
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = committable(trackers.keySet());
            if (strategy.commitSync(offsets)) {
                markCommitted(offsets);
                if (hooks != null) {
                    hooks.afterFlush();
                }
            } else {
                rewind();
            }
            return true;
        } finally {
            gate.open();
        }
    }

    private boolean closeGate(CommitGate gate) {
        try {
            return gate.close(clock.nanoTime() + CUT_TIMEOUT.toNanos(), clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Exactly-once: aborts the open transaction and rewinds every partition (partitions were lost, a cold stop).
     *
     * @throws FaustException when the events in flight do not finish: their outputs would be split between the
     *     aborted transaction and the next one, so the worker must stop instead
     */
    void abort() {
        if (!transactional()) {
            return;
        }
        CommitGate gate = strategy.gate();
        try {
            if (!closeGate(gate)) {
                strategy.poison();
                throw new FaustException("exactly-once: " + gate.inFlight() + " events still in flight after "
                        + CUT_TIMEOUT.toMillis() + " ms; cannot abort the transaction cleanly, stopping the worker");
            }
            rewind();
        } finally {
            gate.open();
        }
    }

    /**
     * With the gate closed and nothing in flight: aborts, discards uncommitted table changes, and makes every
     * partition start again from its last committed offset (fresh trackers: buffered events of the old ones are
     * skipped).
     */
    private void rewind() {
        strategy.abort();
        if (hooks != null) {
            hooks.aborted();
        }
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionTracker> e : trackers.entrySet()) {
            TopicPartition tp = e.getKey();
            PartitionTracker old = e.getValue();
            old.revoke();
            long committed = old.lastCommitted();
            long to = committed >= 0 ? committed : old.firstDelivered();
            PartitionTracker fresh = new PartitionTracker(tp.topic(), tp.partition(), strategy.gate());
            if (committed >= 0) {
                fresh.committed(committed);
            }
            trackers.put(tp, fresh);
            if (to >= 0) {
                seeks.put(tp, to);
            }
        }
        strategy.seek(seeks);
        LOG.warn("exactly-once: transaction aborted; {} partitions rewound to their last committed offsets: {}",
                seeks.size(), seeks);
    }
}
