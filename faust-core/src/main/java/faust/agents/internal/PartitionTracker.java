package faust.agents.internal;

import faust.internal.Clock;
import faust.sensors.internal.PartitionSource;
import java.util.Arrays;

/**
 * Ack bookkeeping of one partition: the offsets handed to agents, in order, and which of them are done.
 * The offset to commit is the lowest one not yet done (an in-flight offset blocks the commit even when
 * later ones are done), or one past the last offset delivered when all are done.
 *
 * <p>Thread-safe: the fetcher delivers and commits, agent threads begin, end and ack. Its counts are what the
 * worker's sensors read about the partition ({@link PartitionSource}).
 */
public final class PartitionTracker implements PartitionSource {
    private final String topic;
    private final int partition;
    private long[] offsets = new long[64];
    private boolean[] acked = new boolean[64];
    private int head;
    private int size;
    private long nextAfterDelivered = -1;
    private long committed = -1;
    private int inProgress;
    private boolean revoked;
    private long received;
    private long ackedCount;
    private long firstDelivered = -1;
    private volatile long endOffset = -1;
    private volatile long position = -1;
    private final CommitGate gate;

    /**
     * @param topic topic name
     * @param partition partition number
     */
    public PartitionTracker(String topic, int partition) {
        this(topic, partition, null);
    }

    /**
     * @param topic topic name
     * @param partition partition number
     * @param gate the exactly-once commits' gate (events are counted in it), or null (at-least-once)
     */
    public PartitionTracker(String topic, int partition, CommitGate gate) {
        this.topic = topic;
        this.partition = partition;
        this.gate = gate;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    /**
     * Records that these offsets were handed out, in increasing order.
     *
     * @param batch offsets
     * @param count how many of {@code batch} to take
     */
    public synchronized void delivered(long[] batch, int count) {
        for (int i = 0; i < count; i++) {
            long off = batch[i];
            if (off < nextAfterDelivered) {
                throw new IllegalStateException(topic + "-" + partition + ": offset " + off
                        + " delivered after " + (nextAfterDelivered - 1));
            }
            if (size == offsets.length) {
                grow();
            }
            int idx = (head + size) % offsets.length;
            offsets[idx] = off;
            acked[idx] = false;
            size++;
            if (firstDelivered < 0) {
                firstDelivered = off;
            }
            nextAfterDelivered = off + 1;
        }
        if (count > 0 && firstDelivered < 0) {
            firstDelivered = batch[0];
        }
        received += count;
    }

    /**
     * Records that one offset was handed out.
     *
     * @param offset the offset
     */
    public void delivered(long offset) {
        delivered(new long[] {offset}, 1);
    }

    private void grow() {
        long[] o = new long[offsets.length * 2];
        boolean[] a = new boolean[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            int idx = (head + i) % offsets.length;
            o[i] = offsets[idx];
            a[i] = acked[idx];
        }
        offsets = o;
        acked = a;
        head = 0;
    }

    /**
     * An agent is about to process an event of this partition.
     *
     * @return false when the partition was revoked: the event must be skipped (not processed, not acked)
     */
    public boolean begin() {
        return begin(false);
    }

    /**
     * An agent is about to process an event of this partition. Under exactly-once, while a commit takes its cut,
     * an agent holding no event waits here until the commit is done.
     *
     * @param holding whether the calling agent holds other events it began and has not ended (a batch): it
     *     does not wait for a commit, which waits for it
     * @return false when the partition was revoked (or the agent was interrupted while waiting for a commit): the
     *     event must be skipped (not processed, not acked)
     */
    public boolean begin(boolean holding) {
        while (true) {
            synchronized (this) {
                if (revoked) {
                    return false;
                }
                if (gate == null || gate.tryEnter(holding)) {
                    inProgress++;
                    return true;
                }
            }
            try {
                gate.awaitOpen();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * An event already begun has more work in flight (a record sent for it awaits the broker's ack); a revoke
     * waits for it like for an event being processed. Matched by one {@link #end()}.
     */
    public synchronized void hold() {
        inProgress++;
        if (gate != null) {
            gate.tryEnter(true); // counted in the exactly-once cut like the event itself (never refused)
        }
    }

    /** An agent finished (or abandoned) an event it began. */
    public synchronized void end() {
        inProgress--;
        if (gate != null) {
            gate.exit();
        }
        if (inProgress == 0) {
            notifyAll();
        }
    }

    /**
     * @return the first offset handed out since this tracker was made, or -1: where an exactly-once rewind
     *     seeks when nothing was committed yet
     */
    public synchronized long firstDelivered() {
        return firstDelivered;
    }

    /**
     * {@link #ack(long)} then {@link #end()}, in one step.
     *
     * @param offset the offset
     */
    public synchronized void ackAndEnd(long offset) {
        ack(offset);
        end();
    }

    /**
     * Marks an offset done (every agent that got it has finished with it).
     *
     * @param offset the offset
     */
    public synchronized void ack(long offset) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = offsets[(head + mid) % offsets.length];
            if (v < offset) {
                lo = mid + 1;
            } else if (v > offset) {
                hi = mid - 1;
            } else {
                acked[(head + mid) % offsets.length] = true;
                ackedCount++;
                while (size > 0 && acked[head]) {
                    head = (head + 1) % offsets.length;
                    size--;
                }
                return;
            }
        }
        // Not outstanding: acked twice or never delivered. Ignore; the head is unaffected.
    }

    /** @return the offset to commit now, or -1 when nothing was delivered yet */
    public synchronized long committable() {
        if (size > 0) {
            return offsets[head];
        }
        return nextAfterDelivered;
    }

    /** @return the offset to commit when it advanced since the last commit, else -1 */
    public synchronized long toCommit() {
        long c = committable();
        return c > committed ? c : -1;
    }

    /**
     * Records a successful commit.
     *
     * @param offset the committed offset (next to read)
     */
    public synchronized void committed(long offset) {
        if (offset > committed) {
            committed = offset;
        }
    }

    /** @return the last committed offset, or -1 */
    public synchronized long lastCommitted() {
        return committed;
    }

    /** Stops handing out this partition's events: later {@link #begin()} calls return false. */
    public synchronized void revoke() {
        revoked = true;
    }

    /** @return whether the partition was revoked */
    public synchronized boolean revoked() {
        return revoked;
    }

    /** @return events being processed now */
    public synchronized int inProgress() {
        return inProgress;
    }

    /** @return offsets delivered but not done */
    @Override
    public synchronized int outstanding() {
        return size;
    }

    /**
     * Waits until no event of this partition is being processed.
     *
     * @param deadlineNanos {@link Clock#nanoTime()} deadline
     * @param clock the worker's clock
     * @return true when idle, false when the deadline passed first
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitIdle(long deadlineNanos, Clock clock) throws InterruptedException {
        while (inProgress > 0) {
            long left = deadlineNanos - clock.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * What the consumer last saw of this partition (fetcher thread, about once a second, for the sensors).
     *
     * @param readOffset the consumer's position, or -1 when unknown
     * @param highWatermark the partition's end offset, or -1 when unknown
     */
    public void sampled(long readOffset, long highWatermark) {
        if (readOffset >= 0) {
            position = readOffset;
        }
        if (highWatermark >= 0) {
            endOffset = highWatermark;
        }
    }

    @Override
    public synchronized long received() {
        return received;
    }

    @Override
    public synchronized long acked() {
        return ackedCount;
    }

    @Override
    public synchronized long readOffset() {
        return nextAfterDelivered >= 0 ? Math.max(nextAfterDelivered, position) : position;
    }

    /**
     * {@inheritDoc} Before this worker committed the partition, the offset it started reading from (the group's
     * committed offset then).
     */
    @Override
    public synchronized long committedOffset() {
        if (committed >= 0) {
            return committed;
        }
        return firstDelivered >= 0 ? firstDelivered : position;
    }

    @Override
    public long endOffset() {
        return endOffset;
    }

    @Override
    public synchronized String toString() {
        return topic + "-" + partition + "{outstanding=" + size + ", inProgress=" + inProgress + ", committable="
                + committable() + ", committed=" + committed + (revoked ? ", revoked" : "") + "}";
    }

    /** @return outstanding offsets (for tests and diagnostics) */
    synchronized long[] outstandingOffsets() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = offsets[(head + i) % offsets.length];
        }
        return Arrays.copyOf(out, size);
    }
}
