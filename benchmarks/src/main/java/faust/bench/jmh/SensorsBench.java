package faust.bench.jmh;

import faust.agents.internal.AgentBuffer;
import faust.agents.internal.Delivery;
import faust.agents.internal.PartitionTracker;
import faust.agents.internal.StreamImpl;
import faust.sensors.internal.AgentSource;
import faust.sensors.internal.SendMeters;
import faust.sensors.internal.Sensors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the worker's sensors add per record, on one thread, without the hand-off's parking (which
 * {@link HandOffBench} includes and which makes its figures noisy): {@code streamValue} is one value of an agent's
 * stream (take from the buffer, begin, hand out, release, ack, count, and with {@code metrics=true} the sampled
 * duration timer the worker registers); {@code send} is what a send pays around {@code producer.send} (the sampled
 * latency timer, taken and recorded on the same thread here). {@code metrics=false} is {@code metrics_enabled=false}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SensorsBench {
    static final int BATCH = 500;
    private static final byte[] KEY = new byte[16];
    private static final byte[] VALUE = new byte[100];

    /** Whether the sensors are on ({@code metrics_enabled}). */
    @Param({"false", "true"})
    public boolean metrics;

    private Sensors sensors;
    private SendMeters sends;
    private PartitionTracker tracker;
    private AgentBuffer buffer;
    private Iterator<byte[]> values;
    private final long[] offsets = new long[BATCH];
    private final List<Delivery<?, ?>> batch = new ArrayList<>(BATCH);
    private long next;

    /** Makes the sensors (started: their sampler ticks) and an agent's stream. */
    @Setup(Level.Trial)
    public void setup() {
        sensors = Sensors.create("bench", metrics, "", faust.internal.Clock.SYSTEM, null);
        sensors.start();
        sends = sensors.sends();
        tracker = new PartitionTracker("bench", 0);
        buffer = new AgentBuffer(4096);
        StreamImpl<byte[], byte[]> stream = new StreamImpl<>(buffer, 256, faust.internal.Clock.SYSTEM);
        if (metrics) {
            stream.measure(sensors.agent(new AgentSource("bench", "bench", 1, stream::eventCount, () -> 0,
                    buffer::size, 4096)));
        }
        values = stream.iterator();
    }

    /** Stops the sensors. */
    @TearDown(Level.Trial)
    public void tearDown() {
        buffer.close();
        sensors.close();
    }

    /**
     * @return the last value's first byte
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int streamValue() {
        long base = next;
        for (int i = 0; i < BATCH; i++) {
            offsets[i] = base + i;
        }
        tracker.delivered(offsets, BATCH);
        batch.clear();
        for (int i = 0; i < BATCH; i++) {
            batch.add(new Delivery<>(tracker, base + i, 0L, KEY, VALUE, KEY, VALUE, Map.of(), 1));
        }
        buffer.putAll(batch);
        int x = 0;
        for (int i = 0; i < BATCH; i++) {
            x += values.next()[0];
        }
        next = base + BATCH;
        return x;
    }

    /**
     * @return the sampled start time, or -1
     */
    @Benchmark
    public long send() {
        long started = sends.start();
        sends.acked(started);
        return started;
    }
}
