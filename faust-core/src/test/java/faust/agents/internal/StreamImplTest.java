package faust.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.Event;
import faust.agents.internal.PartitionTracker;
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
}
