package faust.transport.internal;

import faust.StopMode;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.PartitionTracker;
import faust.internal.Clock;
import faust.sensors.internal.Sensors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher's rebalance listener (runs on the fetcher thread, inside {@code poll}). On assignment: a
 * tracker per partition, and table recovery for new partition numbers (their sources stay paused until it
 * ends). On revoke: stop handing out the partitions' events, wait (bounded) for those in flight, flush,
 * commit, and only then forget them and release their tables.
 */
final class Rebalance implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalance.class);

    private final Map<TopicPartition, PartitionTracker> trackers;
    private final Committer committer;
    private final FlowControl flow;
    private final List<AgentRunner<?, ?>> runners;
    private final PartitionHooks hooks;
    private final Supplier<StopMode> stopMode;
    private final Runnable published;
    private final Duration revokeTimeout;
    private final Clock clock;
    private final Sensors sensors;
    private final Set<Integer> heldNumbers = new HashSet<>();
    private final Fetcher.Listener listener;
    private String leaderTopic;
    private volatile boolean leader;

    Rebalance(Map<TopicPartition, PartitionTracker> trackers, Committer committer, FlowControl flow,
              List<AgentRunner<?, ?>> runners, PartitionHooks hooks, Supplier<StopMode> stopMode, Runnable published,
              Duration revokeTimeout, Clock clock, Fetcher.Listener listener, Sensors sensors) {
        this.sensors = sensors;
        this.trackers = trackers;
        this.committer = committer;
        this.flow = flow;
        this.runners = runners;
        this.hooks = hooks;
        this.stopMode = stopMode;
        this.published = published;
        this.revokeTimeout = revokeTimeout;
        this.clock = clock;
        this.listener = listener;
    }

    /** @param topic the leader topic: its partition is leadership, not work (no tracker, no tables, no commit) */
    void leaderTopic(String topic) {
        this.leaderTopic = topic;
    }

    /** @return whether this worker holds the leader topic's partition */
    boolean leader() {
        return leader;
    }

    /** The consumer is gone (stop, failure): no longer the leader. */
    void leaderGone() {
        leadership(false);
    }

    private void leadership(boolean held) {
        if (leader != held) {
            leader = held;
            LOG.info(held ? "this worker is now the leader ({})" : "this worker is no longer the leader ({})", leaderTopic);
            listener.leadership(held);
        }
    }

    /**
     * Takes the leader topic's partition out of a rebalance's partitions.
     *
     * @return the others
     */
    private Collection<TopicPartition> work(Collection<TopicPartition> partitions, boolean held) {
        if (leaderTopic == null) {
            return partitions;
        }
        List<TopicPartition> out = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(leaderTopic)) {
                leadership(held);
            } else {
                out.add(tp);
            }
        }
        return out;
    }

    private static Set<faust.TopicPartition> api(Collection<TopicPartition> partitions) {
        Set<faust.TopicPartition> s = new TreeSet<>();
        partitions.forEach(tp -> s.add(new faust.TopicPartition(tp.topic(), tp.partition())));
        return s;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> all) {
        sensors.rebalances().assigning();
        Collection<TopicPartition> partitions = work(all, true);
        for (TopicPartition tp : partitions) {
            PartitionTracker t = new PartitionTracker(tp.topic(), tp.partition(), committer.gate());
            trackers.put(tp, t);
            sensors.partitions().add(t);
        }
        if (!partitions.isEmpty()) {
            LOG.info("assigned {}", names(partitions));
        }
        if (hooks != null) {
            committer.awaitStable(partitions); // exactly-once: before recovery reads the changelogs' stable ends
            for (TopicPartition tp : partitions) {
                if (heldNumbers.add(tp.partition())) {
                    flow.holdBack(tp.partition());
                    hooks.assigned(tp.partition());
                }
            }
        }
        if (!partitions.isEmpty()) {
            List<faust.TopicPartition> tps = faustPartitions(partitions);
            runners.forEach(r -> r.assigned(tps));
            listener.partitionsAssigned(api(partitions));
        }
        published.run();
        flow.assigned();
        sensors.rebalances().assigned(partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> all) {
        Collection<TopicPartition> partitions = work(all, false);
        if (partitions.isEmpty()) {
            if (!all.isEmpty()) {
                published.run();
            }
            return;
        }
        StopMode stopping = stopMode.get();
        long deadline = clock.nanoTime() + revokeTimeout.toNanos();
        long started = sensors.rebalances().revoking();
        if (stopping == null) {
            LOG.info("revoked {}: finishing their events in flight", names(partitions));
            for (TopicPartition tp : partitions) {
                PartitionTracker t = trackers.get(tp);
                if (t != null) {
                    t.revoke();
                }
            }
            awaitIdle(partitions, deadline);
            listener.partitionsRevoked(api(partitions));
        }
        // While shutting down, the shutdown already waited, told the listener (warm) and committed; a fatal stop
        // commits nothing.
        if (stopping != StopMode.FATAL) {
            committer.commit(partitions);
        }
        if (stopping == null) {
            List<faust.TopicPartition> tps = faustPartitions(partitions);
            runners.forEach(r -> r.revoked(tps, deadline));
        }
        for (TopicPartition tp : partitions) {
            PartitionTracker t = trackers.remove(tp);
            if (t != null) {
                sensors.partitions().remove(t);
            }
        }
        sensors.rebalances().revoked(partitions.size(), started);
        releaseNumbers();
        published.run();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> all) {
        Collection<TopicPartition> partitions = work(all, false);
        if (partitions.isEmpty()) {
            published.run();
            return;
        }
        LOG.warn("lost {} without a clean hand-over; their uncommitted events will be redone", names(partitions));
        for (TopicPartition tp : partitions) {
            PartitionTracker t = trackers.remove(tp);
            if (t != null) {
                t.revoke();
                sensors.partitions().remove(t);
            }
        }
        if (stopMode.get() == null) {
            List<faust.TopicPartition> tps = faustPartitions(partitions);
            long deadline = clock.nanoTime() + revokeTimeout.toNanos();
            runners.forEach(r -> r.revoked(tps, deadline));
        }
        sensors.rebalances().lost(partitions.size());
        releaseNumbers();
        published.run();
        listener.partitionsRevoked(api(partitions));
        // Exactly-once: the open transaction holds outputs of the lost partitions' events, whose offsets can no
        // longer be committed here: abort it, and redo the kept partitions' uncommitted events.
        committer.abort();
    }

    /** Tells the tables about partition numbers no topic of which is assigned any more. */
    private void releaseNumbers() {
        if (hooks == null) {
            return;
        }
        Set<Integer> still = new HashSet<>();
        trackers.keySet().forEach(tp -> still.add(tp.partition()));
        for (Integer p : new ArrayList<>(heldNumbers)) {
            if (!still.contains(p)) {
                heldNumbers.remove(p);
                flow.forget(p);
                hooks.revoked(p);
            }
        }
    }

    /**
     * Waits until no event of these partitions is being processed.
     *
     * @param partitions the partitions
     * @param deadline {@link Clock#nanoTime()} deadline
     * @return whether they became idle in time
     */
    boolean awaitIdle(Collection<TopicPartition> partitions, long deadline) {
        boolean idle = true;
        for (TopicPartition tp : partitions) {
            PartitionTracker t = trackers.get(tp);
            try {
                if (t != null && !t.awaitIdle(deadline, clock)) {
                    LOG.warn("events of {} still in flight after the wait: {}", tp, t);
                    idle = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return idle;
    }

    private static List<faust.TopicPartition> faustPartitions(Collection<TopicPartition> partitions) {
        List<faust.TopicPartition> out = new ArrayList<>(partitions.size());
        partitions.forEach(tp -> out.add(new faust.TopicPartition(tp.topic(), tp.partition())));
        return out;
    }

    static String names(Collection<TopicPartition> partitions) {
        Set<String> s = new TreeSet<>();
        partitions.forEach(tp -> s.add(tp.topic() + "-" + tp.partition()));
        return String.join(", ", s);
    }
}
