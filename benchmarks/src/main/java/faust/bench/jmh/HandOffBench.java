package faust.bench.jmh;

import faust.agents.internal.AgentBuffer;
import faust.agents.internal.Delivery;
import faust.agents.internal.PartitionTracker;
import faust.agents.internal.StreamImpl;
import faust.sensors.internal.AgentSource;
import faust.sensors.internal.Sensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hand-off from the fetcher to an agent, per record: the benchmark thread (the fetcher) records a
 * batch of 500 offsets as delivered, makes their {@link Delivery}s and puts them in the agent's
 * {@link AgentBuffer}; one virtual thread iterates the agent's {@link StreamImpl} (begin, release, ack) and
 * wakes the benchmark thread when it has seen the whole batch. Measures what a pass-through agent costs
 * besides the send: bookkeeping, buffer locking, parking and unparking. {@code metrics=true} adds what the
 * worker's sensors add to the agent's loop by default (the sampled event timer the worker registers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(HandOffBench.BATCH)
public class HandOffBench {
    static final int BATCH = 500;
    private static final byte[] KEY = new byte[16];
    private static final byte[] VALUE = new byte[100];

    /** Whether the agent's stream times a sample of its events, as a worker with metrics on does. */
    @Param({"false", "true"})
    public boolean metrics;

    private PartitionTracker tracker;
    private Sensors sensors;
    private AgentBuffer buffer;
    private Thread agent;
    private volatile Thread fetcher;
    private volatile long consumed;
    private volatile long target;
    private final long[] offsets = new long[BATCH];
    private long next;

    /** Starts the agent's virtual thread. */
    @Setup(Level.Trial)
    public void setup() {
        tracker = new PartitionTracker("bench", 0);
        buffer = new AgentBuffer(4096);
        StreamImpl<byte[], byte[]> stream = new StreamImpl<>(buffer, 256, faust.internal.Clock.SYSTEM); // AgentRunner's takeMax for concurrency 1
        if (metrics) {
            sensors = Sensors.create("bench", true, "", faust.internal.Clock.SYSTEM, null);
            sensors.start();
            stream.measure(sensors.agent(new AgentSource("bench", "bench", 1, stream::eventCount, () -> 0,
                    buffer::size, 4096)));
        }
        agent = Thread.ofVirtual().name("agent-bench-0").start(() -> {
            long n = 0;
            for (byte[] ignored : stream) {
                n++;
                consumed = n;
                if (n >= target) {
                    LockSupport.unpark(fetcher);
                }
            }
        });
    }

    /** Ends the agent's loop. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        buffer.close();
        agent.join(5_000);
        if (sensors != null) {
            sensors.close();
        }
    }

    /**
     * @return the committable offset after the batch went through
     */
    @Benchmark
    public long handOffBatch() {
        fetcher = Thread.currentThread();
        long base = next;
        for (int i = 0; i < BATCH; i++) {
            offsets[i] = base + i;
        }
        tracker.delivered(offsets, BATCH);
        List<Delivery<?, ?>> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(new Delivery<>(tracker, base + i, 0L, KEY, VALUE, KEY, VALUE, Map.of(), 1));
        }
        long want = consumed + BATCH;
        target = want;
        buffer.putAll(batch);
        while (consumed < want) {
            LockSupport.park(this);
        }
        next = base + BATCH;
        return tracker.committable();
    }
}
