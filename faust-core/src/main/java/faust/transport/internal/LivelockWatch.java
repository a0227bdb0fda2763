package faust.transport.internal;

import faust.agents.internal.PartitionTracker;
import faust.internal.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faust's livelock warning ({@code broker_commit_livelock_soft_timeout}): a partition whose events wait (fetched,
 * not finished, or finished and not committed) while its committed offset has not moved for that long gets ONE
 * warning line naming it, and one line when its offsets are committed again. Causes: an agent stuck or far too
 * slow on it, its events never taken (a partition with lag no agent consumes), or commits failing. Checked from
 * the fetcher's loop at most once a second; reads the partition trackers only.
 */
final class LivelockWatch {
    private static final Logger LOG = LoggerFactory.getLogger(LivelockWatch.class);
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Clock clock;
    private final long timeoutNanos;
    private final Map<TopicPartition, Progress> progress = new HashMap<>();
    private long nextCheck;

    /** Since when a partition's committed offset stands still while events wait, and whether that was said. */
    private static final class Progress {
        long committed;
        long since;
        boolean warned;

        Progress(long committed, long since) {
            this.committed = committed;
            this.since = since;
        }
    }

    /**
     * @param clock the worker's clock
     * @param timeoutNanos how long the committed offset may stand still while events wait; 0 = never warn
     */
    LivelockWatch(Clock clock, long timeoutNanos) {
        this.clock = clock;
        this.timeoutNanos = timeoutNanos;
        this.nextCheck = clock.nanoTime();
    }

    /**
     * Called on the fetcher thread after each poll.
     *
     * @param trackers the assigned partitions' trackers
     */
    void check(Map<TopicPartition, PartitionTracker> trackers) {
        if (timeoutNanos <= 0) {
            return;
        }
        long now = clock.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + CHECK_NANOS;
        progress.keySet().retainAll(trackers.keySet());
        for (Map.Entry<TopicPartition, PartitionTracker> e : trackers.entrySet()) {
            check(e.getKey(), e.getValue(), now);
        }
    }

    private void check(TopicPartition tp, PartitionTracker t, long now) {
        long committed = t.lastCommitted();
        int waiting = t.outstanding();
        boolean behind = waiting > 0 || t.toCommit() >= 0;
        Progress p = progress.get(tp);
        if (p == null) {
            progress.put(tp, new Progress(committed, now));
            return;
        }
        if (committed != p.committed || !behind) {
            if (p.warned) {
                LOG.info("offsets of {} are committed again (committed offset {})", tp, committed);
            }
            p.committed = committed;
            p.since = now;
            p.warned = false;
            return;
        }
        if (!p.warned && now - p.since >= timeoutNanos) {
            p.warned = true;
            LOG.warn("nothing of {} committed for {} s while {} events wait (committed offset {}, {} in an agent"
                            + " now): an agent is stuck or too slow on it, or commits fail; 'kill -USR1 <pid>' dumps"
                            + " the threads (broker_commit_livelock_soft_timeout)",
                    tp, TimeUnit.NANOSECONDS.toSeconds(now - p.since), waiting, committed < 0 ? "none" : committed,
                    t.inProgress());
        }
    }

    /** @return partitions warned about now (tests) */
    int warned() {
        return (int) progress.values().stream().filter(p -> p.warned).count();
    }
}
