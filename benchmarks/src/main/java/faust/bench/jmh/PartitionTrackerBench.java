package faust.bench.jmh;

import faust.agents.internal.PartitionTracker;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ack bookkeeping of one partition, per record: the fetcher records a polled batch of 500 offsets as
 * delivered, the agent acks each of them (in order, as one agent instance does, or shuffled, as
 * concurrent instances may), and the committer asks for the offset to commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PartitionTrackerBench.BATCH)
public class PartitionTrackerBench {
    static final int BATCH = 500;

    private PartitionTracker tracker;
    private final long[] batch = new long[BATCH];
    private long next;

    /** In which order the offsets of a batch are acked. */
    @State(Scope.Thread)
    public static class AckOrder {
        /** inOrder: one agent instance; shuffled: concurrent instances finishing out of order. */
        @Param({"inOrder", "shuffled"})
        public String ackOrder;

        int[] order;

        /** Makes the order. */
        @Setup(Level.Trial)
        public void setup() {
            order = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                order[i] = i;
            }
            if (ackOrder.equals("shuffled")) {
                SplittableRandom r = new SplittableRandom(7);
                for (int i = BATCH - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
        }
    }

    /** Fresh tracker. */
    @Setup(Level.Trial)
    public void setup() {
        tracker = new PartitionTracker("bench", 0);
    }

    /**
     * @param ack the order of the acks
     * @return the committable offset after the batch
     */
    @Benchmark
    public long deliverAckCommit(AckOrder ack) {
        int[] order = ack.order;
        long base = next;
        for (int i = 0; i < BATCH; i++) {
            batch[i] = base + i;
        }
        tracker.delivered(batch, BATCH);
        for (int i = 0; i < BATCH; i++) {
            tracker.ack(base + order[i]);
        }
        next = base + BATCH;
        long c = tracker.toCommit();
        tracker.committed(c);
        return c;
    }

    /**
     * Deliver and ack one offset at a time, asking for the committable offset after each ack (the
     * worst case: a commit check per record).
     *
     * @return the committable offset after the batch
     */
    @Benchmark
    public long oneByOne() {
        long c = 0;
        for (int i = 0; i < BATCH; i++) {
            long off = next++;
            tracker.delivered(off);
            tracker.ack(off);
            c = tracker.committable();
        }
        return c;
    }
}
