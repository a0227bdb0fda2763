package faust.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.Event;
import faust.SendResult;
import faust.Stream;
import faust.codecs.Codecs;
import faust.codecs.TypeRef;
import faust.internal.Clock;
import faust.internal.Sender;
import faust.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delivery rules of every operator, on the runtime's own stream, without a worker. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamOperatorsTest {
    /** Records sends; their futures complete when the test says so (the broker's ack). */
    static final class Sends implements Sender {
        record Sent(String topic, byte[] key, byte[] value, Map<String, byte[]> headers,
                    CompletableFuture<SendResult> ack) {
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                                  Map<String, byte[]> headers) {
            CompletableFuture<SendResult> f = new CompletableFuture<>();
            sent.add(new Sent(topic, key, value, headers, f));
            return f;
        }

        void ackAll() {
            sent.forEach(s -> s.ack().complete(new SendResult(s.topic(), 0, 0, 0)));
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean standalone() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private final Sends sends = new Sends();
    private final TopicImpl<String, String> source = new TopicImpl<>(() -> sends, "in",
            TypeRef.of(String.class), TypeRef.of(String.class), Codecs.string(), Codecs.json(String.class), false, false,
            null, null, false);
    private final PartitionTracker tracker = new PartitionTracker("in", 0);
    private final AgentBuffer buffer = new AgentBuffer(1000);
    private final StreamTopics topics = new StreamTopics(List.of(source), 1);
    private final StreamImpl<String, String> stream = new StreamImpl<>(buffer, 16, Clock.SYSTEM, topics, "agent");
    private long nextOffset;

    private void feed(String... values) {
        List<Delivery<?, ?>> batch = new ArrayList<>();
        for (String v : values) {
            long off = nextOffset++;
            tracker.delivered(off);
            batch.add(new Delivery<>(tracker, off, 0L, "k" + off, v, ("k" + off).getBytes(),
                    ("\"" + v + "\"").getBytes(), Map.of(), 1));
        }
        buffer.putAll(batch);
    }

    private void feedRepartitioned(PartitionTracker t, long offset, String key, String value) {
        t.delivered(offset);
        buffer.putAll(List.of(new Delivery<>(t, offset, 0L, key, value, key.getBytes(), value.getBytes(),
                Map.of(), 1)));
    }

    @Test
    void filteredEventsAreAckedAtOnceWhileTheLoopStillHoldsItsEvent() {
        feed("a", "", "", "b");
        Iterator<String> it = stream.filter(s -> !s.isEmpty()).iterator();
        assertThat(it.next()).isEqualTo("a");
        assertThat(tracker.committable()).as("a is being processed").isZero();
        assertThat(it.next()).isEqualTo("b");
        assertThat(tracker.committable()).as("a done, the two empty ones dropped and acked, b in progress")
                .isEqualTo(3);
        buffer.close();
        assertThat(it.hasNext()).isFalse();
        assertThat(tracker.committable()).isEqualTo(4);
    }

    @Test
    void aFlatMappedEventIsAckedWhenTheLoopMovedPastItsLastValue() {
        feed("x y z", "w");
        Iterator<String> it = stream.flatMap(s -> List.of(s.split(" ")), String.class).iterator();
        assertThat(it.next()).isEqualTo("x");
        assertThat(it.next()).isEqualTo("y");
        assertThat(it.next()).isEqualTo("z");
        assertThat(tracker.committable()).as("z is the last value of event 0: still in progress").isZero();
        assertThat(it.next()).isEqualTo("w");
        assertThat(tracker.committable()).isEqualTo(1);
    }

    @Test
    void groupBySendsTheNewKeyAndTheOriginalValueBytesAndAcksTheSourceEventOnlyWhenTheBrokerDid() {
        List<String> declared = new ArrayList<>();
        topics.declarer(t -> declared.add(t.name()));
        feed("apple", "kiwi");
        Stream<String, String> byFruit = stream.groupBy(v -> v.toUpperCase(), "fruit");
        assertThat(declared).containsExactly("agent-in-fruit-repartition");
        Iterator<Event<String, String>> it = byFruit.events().iterator();

        // Two repartitioned records read back, as the consumer would hand them over.
        PartitionTracker rp = new PartitionTracker("agent-in-fruit-repartition", 3);
        Thread.ofVirtual().start(() -> {
            while (sends.sent.size() < 2) {
                Thread.onSpinWait();
            }
            feedRepartitioned(rp, 0, "APPLE", "apple");
            feedRepartitioned(rp, 1, "KIWI", "kiwi");
        });
        Event<String, String> first = it.next();
        assertThat(first.topic()).isEqualTo("agent-in-fruit-repartition");
        assertThat(first.partition()).isEqualTo(3);
        assertThat(first.key()).isEqualTo("APPLE");
        assertThat(stream.current()).as("the current event is the one read back").isSameAs(first);
        assertThat(sends.sent).extracting(s -> new String(s.key()) + "=" + new String(s.value()))
                .containsExactly("APPLE=\"apple\"", "KIWI=\"kiwi\"");
        assertThat(tracker.committable()).as("sent but not acknowledged by the broker").isZero();
        assertThat(tracker.inProgress()).as("a revoke waits for the sends").isEqualTo(2);
        sends.ackAll();
        assertThat(tracker.committable()).isEqualTo(2);
        assertThat(tracker.inProgress()).isZero();
        assertThat(it.next().key()).isEqualTo("KIWI");
        assertThat(rp.committable()).as("the first repartitioned event is done").isEqualTo(1);
    }

    @Test
    void groupByToAnotherKeyTypeAndAMappedValueEncodesBothWithCodecsOfTheirOwnType() {
        List<TopicImpl<?, ?>> declared = new ArrayList<>();
        topics.declarer(declared::add);
        feed("apple", "kiwi");
        Iterator<Integer> it = stream.map(String::length, Integer.class).groupBy(n -> n * 10, Integer.class, "len")
                .iterator();
        Thread.ofVirtual().start(() -> {
            while (sends.sent.size() < 2) {
                Thread.onSpinWait();
            }
            buffer.close();
        });
        assertThat(it.hasNext()).isFalse();
        assertThat(sends.sent).extracting(x -> new String(x.key()) + "=" + new String(x.value()))
                .as("keys through the source's string codec, values through json, both for Integer")
                .containsExactly("50=5", "40=4");
        TopicImpl<?, ?> len = declared.get(0);
        assertThat(len.keyType()).isEqualTo(TypeRef.of(Integer.class));
        assertThat(len.decodeKey("50".getBytes())).isEqualTo(50);
        assertThat(len.decodeValue("4".getBytes())).isEqualTo(4);
    }

    @Test
    void aThrowingKeyFunctionLeavesItsEventWithTheRunnerForTheErrorPolicy() {
        feed("ok", "bad");
        Iterator<String> it = stream.groupBy(v -> {
            if (v.equals("bad")) {
                throw new IllegalStateException("no key");
            }
            return v;
        }, "k").iterator();
        assertThatThrownBy(it::hasNext).hasMessage("no key");
        List<StreamImpl.Held> held = stream.takeHeld();
        assertThat(held).extracting(h -> h.delivery().offset()).containsExactly(1L);
        held.get(0).ack();
        sends.ackAll();
        assertThat(tracker.committable()).isEqualTo(2);
        assertThat(tracker.inProgress()).isZero();
    }

    @Test
    void takeYieldsFullBatchesAndAcksThemWhenTheLoopAsksForTheNext() {
        feed("1", "2", "3", "4", "5");
        Iterator<List<String>> it = stream.take(2, Duration.ofSeconds(10)).iterator();
        assertThat(it.next()).containsExactly("1", "2");
        assertThat(tracker.committable()).isZero();
        assertThat(it.next()).containsExactly("3", "4");
        assertThat(tracker.committable()).isEqualTo(2);
        buffer.close();
        assertThat(it.next()).as("the stream ended: what is left").containsExactly("5");
        assertThat(it.hasNext()).isFalse();
        assertThat(tracker.committable()).isEqualTo(5);
    }

    @Test
    void takeWithinZeroYieldsWhatIsThereWithoutWaiting() {
        feed("1", "2", "3");
        Iterator<List<String>> it = stream.take(100, Duration.ZERO).iterator();
        assertThat(it.next()).containsExactly("1", "2", "3");
        feed("4");
        assertThat(it.next()).containsExactly("4");
    }

    @Test
    void takeWithASlowTrickleYieldsPartialBatchesOnTime() throws Exception {
        Duration within = Duration.ofMillis(150);
        Thread producer = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 12; i++) {
                feed("v" + i);
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
            }
            buffer.close();
        });
        List<Integer> sizes = new ArrayList<>();
        List<Long> lateMs = new ArrayList<>();
        int total = 0;
        long firstArrival = System.nanoTime();
        for (List<String> batch : stream.take(100, within)) {
            long took = (System.nanoTime() - firstArrival) / 1_000_000;
            sizes.add(batch.size());
            total += batch.size();
            if (total < 12) {
                lateMs.add(took - within.toMillis());
            }
            firstArrival = System.nanoTime() + 40_000_000L; // roughly when the next one arrives
        }
        producer.join();
        assertThat(total).isEqualTo(12);
        assertThat(sizes).as("partial batches, none full").allMatch(n -> n < 100).hasSizeGreaterThan(2);
        assertThat(lateMs).as("each batch came about 'within' after its first value (ms late)")
                .allMatch(ms -> ms < 120);
        assertThat(tracker.committable()).isEqualTo(12);
    }

    @Test
    void aNoackStreamThatNeverAcksHoldsTheCommitBackAndAnAckFromAnyThreadReleasesIt() throws Exception {
        feed("a", "b", "c");
        Iterator<Event<String, String>> it = stream.noack().events().iterator();
        Event<String, String> a = it.next();
        Event<String, String> b = it.next();
        Event<String, String> c = it.next();
        buffer.close();
        assertThat(it.hasNext()).isFalse();
        assertThat(tracker.committable()).as("nothing acknowledged").isZero();
        assertThat(tracker.inProgress()).as("but not in flight: a revoke does not wait for them").isZero();
        Thread.ofPlatform().start(() -> {
            b.ack();
            c.ack();
        }).join();
        assertThat(tracker.committable()).as("a still holds the commit back").isZero();
        a.ack();
        a.ack();
        assertThat(tracker.committable()).isEqualTo(3);
    }

    @Test
    void anEventAckedEarlyIsNotAckedAgain() {
        PartitionTracker shared = new PartitionTracker("in", 1);
        shared.delivered(0);
        // one message for two agents: this stream's early ack counts once
        buffer.putAll(List.of(new Delivery<>(shared, 0, 0L, "k", "v", null, null, Map.of(), 2)));
        stream.bindToThread();
        Iterator<Event<String, String>> it = stream.events().iterator();
        Event<String, String> e = it.next();
        e.ack();
        e.ack();
        assertThat(shared.committable()).as("the other agent has not released it").isZero();
        buffer.close();
        assertThat(it.hasNext()).isFalse();
        assertThat(shared.committable()).isZero();
        assertThat(shared.inProgress()).isZero();
    }

    @Test
    void groupByAfterAMapOfUnknownTypeSaysWhatToDo() {
        assertThatThrownBy(() -> stream.map(String::length).groupBy(n -> "k", "n"))
                .hasMessageContaining("map(fn, Word.class)");
        assertThatThrownBy(() -> stream.groupBy(v -> v, "no spaces allowed"))
                .hasMessageContaining("groupBy name 'no spaces allowed' is not valid");
    }
}
