package faust.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.Event;
import faust.agents.internal.PartitionTracker;
import faust.testing.ManualClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamImplTest {
    private final PartitionTracker tracker = new PartitionTracker("t", 0);
    private final AgentBuffer buffer = new AgentBuffer(100);

    private List<Delivery<byte[], Object>> feed(int n) {
        List<Delivery<byte[], Object>> out = new ArrayList<>();
        long[] offs = new long[n];
        for (int i = 0; i < n; i++) {
            offs[i] = i;
            out.add(new Delivery<>(tracker, i, 0L, null, "v" + i, null, null, Map.of(), 1));
        }
        tracker.delivered(offs, n);
        buffer.putAll(out);
        return out;
    }

    @Test
    void anEventIsAckedOnlyWhenTheLoopAsksForTheNextOne() {
        feed(3);
        StreamImpl<byte[], Object> stream = new StreamImpl<>(buffer, 10, faust.internal.Clock.SYSTEM);
        var it = stream.iterator();
        assertThat(it.next()).isEqualTo("v0");
        assertThat(tracker.committable()).as("v0 is being processed").isZero();
        assertThat(it.next()).isEqualTo("v1");
        assertThat(tracker.committable()).isEqualTo(1);
        assertThat(it.next()).isEqualTo("v2");
        buffer.close();
        assertThat(it.hasNext()).isFalse();
        assertThat(tracker.committable()).isEqualTo(3);
        assertThat(stream.ended()).isTrue();
    }

    @Test
    void eventsOfARevokedPartitionAreSkippedAndNotAcked() {
        feed(4);
        StreamImpl<byte[], Object> stream = new StreamImpl<>(buffer, 10, faust.internal.Clock.SYSTEM);
        var it = stream.events().iterator();
        Event<byte[], Object> first = it.next();
        assertThat(first.offset()).isZero();
        tracker.revoke();
        buffer.close();
        assertThat(it.hasNext()).isFalse();
        assertThat(tracker.committable()).as("only the finished event is committed").isEqualTo(1);
        assertThat(tracker.inProgress()).isZero();
    }

    @Test
    void aMessageForTwoAgentsIsAckedWhenBothReleasedIt() {
        tracker.delivered(new long[] {0}, 1);
        Delivery<byte[], Object> d = new Delivery<>(tracker, 0, 0L, null, "x", null, null, Map.of(), 2);
        d.release();
        assertThat(tracker.committable()).isZero();
        d.release();
        assertThat(tracker.committable()).isEqualTo(1);
    }

    @Test
    void aSampleOfTheValuesIsTimedAndTheCountIsPublishedPerBatch() {
        AgentBuffer big = new AgentBuffer(5000);
        PartitionTracker t = new PartitionTracker("t", 1);
        long[] offs = new long[3000];
        List<Delivery<byte[], Object>> ds = new ArrayList<>();
        for (int i = 0; i < offs.length; i++) {
            offs[i] = i;
            ds.add(new Delivery<>(t, i, 0L, null, "v" + i, null, null, Map.of(), 1));
        }
        t.delivered(offs, offs.length);
        big.putAll(ds);
        ManualClock clock = new ManualClock();
        Timer timer = Timer.builder("d").register(new SimpleMeterRegistry());
        StreamImpl<byte[], Object> stream = new StreamImpl<>(big, 1000, clock);
        stream.measure(timer);
        var it = stream.iterator();
        it.next();
        clock.advance(Duration.ofMillis(3));
        assertThat(stream.eventCount()).as("published with the sampled first value").isEqualTo(1);
        it.next();
        assertThat(stream.eventCount()).as("not per event").isEqualTo(1);
        clock.advance(Duration.ofNanos(1000));
        for (int i = 2; i < 2500; i++) {
            it.next(); // 1 µs a value: none is 20 ms after the first
            clock.advance(Duration.ofNanos(1000));
        }
        assertThat(timer.count()).as("only the first value of 2,500 in 5.5 ms").isEqualTo(1);
        assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).as("the first value took 3 ms").isEqualTo(3.0);
        assertThat(stream.eventCount()).as("two whole batches published").isEqualTo(2000L);
        clock.advance(Duration.ofMillis(20));
        it.next();
        clock.advance(Duration.ofMillis(7));
        it.next();
        assertThat(timer.count()).as("a value 20 ms after the last sampled one is timed").isEqualTo(2);
        assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).as("it took 7 ms").isEqualTo(7.0);
        assertThat(stream.eventCount()).as("published with the sampled value").isEqualTo(2501);
        big.close();
        while (it.hasNext()) {
            it.next();
        }
        assertThat(stream.eventCount()).as("every event, once the stream waits for more").isEqualTo(3000);
    }
}
