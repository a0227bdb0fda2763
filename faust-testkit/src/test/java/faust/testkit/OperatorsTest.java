package faust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import faust.Agent;
import faust.App;
import faust.Event;
import faust.Indexed;
import faust.KeyValue;
import faust.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Stream operators run in an {@link AgentTester} exactly as in a worker, without Kafka. */
class OperatorsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Topic<String, String> text(App app, String name) {
        return app.topic(name, String.class, String.class);
    }

    @Test
    void wordCountThroughGroupByRepartitionsByWordAndTheLoopSeesTheRepartitionedEvents() {
        App app = App.create("wc");
        Topic<String, String> sentences = text(app, "sentences");
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        Agent<String, String> agent = app.agent(sentences, stream -> {
            for (Event<String, String> e : stream.flatMap(s -> Arrays.asList(s.split(" ")), String.class)
                    .groupBy(w -> w, "byword").events()) {
                counts.merge(e.value(), 1, Integer::sum);
                seen.add(e.topic() + ":" + e.key());
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            tester.send(null, "the cat saw the dog");
            tester.send(null, "the end");
            tester.awaitProcessed(WAIT);

            assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                    Map.of("the", 3, "cat", 1, "saw", 1, "dog", 1, "end", 1));
            String repartition = "sentences-sentences-byword-repartition";
            assertThat(seen).as("the loop gets the events read back from the repartition topic, keyed by word")
                    .startsWith(repartition + ":the", repartition + ":cat").hasSize(7);
            assertThat(tester.sentRecords(repartition)).extracting(SentRecord::key, SentRecord::value)
                    .startsWith(tuple("the", "the"), tuple("cat", "cat"));
            assertThat(tester.sentRecords(repartition).get(0).rawKey())
                    .as("the key encoded with the source topic's key codec (raw: UTF-8)")
                    .isEqualTo("the".getBytes(StandardCharsets.UTF_8));
            assertThat(tester.sentRecords(repartition).get(0).rawValue())
                    .as("the value with the source's value codec (json)").isEqualTo("\"the\"".getBytes());
            assertThat(tester.outstanding()).isZero();
            assertThat(tester.errors()).isEmpty();
        }
    }

    @Test
    void groupByOfUnchangedValuesSendsTheirOriginalBytes() {
        App app = App.create("regroup");
        Topic<String, Map> orders = app.topic("orders", String.class, Map.class);
        List<KeyValue<String, Map>> seen = new CopyOnWriteArrayList<>();
        Agent<String, Map> agent = app.agent(orders, stream -> {
            for (KeyValue<String, Map> kv : stream.groupBy(o -> (String) o.get("customer"), "customer").items()) {
                seen.add(kv);
            }
        });
        try (AgentTester<String, Map> tester = AgentTester.of(agent)) {
            // as another producer wrote it: spacing a re-encoding would not keep
            app.topic("orders", String.class, byte[].class, t -> t.valueCodec("raw"))
                    .send("o1", "{\"customer\": \"c1\",  \"qty\": 2}".getBytes(StandardCharsets.UTF_8)).join();
            tester.awaitProcessed(WAIT);
            assertThat(seen).extracting(KeyValue::key).containsExactly("c1");
            assertThat(new String(tester.sentRecords("orders-orders-customer-repartition").get(0).rawValue(),
                    StandardCharsets.UTF_8)).isEqualTo("{\"customer\": \"c1\",  \"qty\": 2}");
        }
    }

    @Test
    void aThrowingGroupByKeyFunctionSendsTheEventToTheDeadLetterTopicAndTheAgentGoesOn() {
        App app = App.create("badkey");
        Topic<String, String> in = text(app, "in");
        List<String> seen = new CopyOnWriteArrayList<>();
        Agent<String, String> agent = app.agent(in, stream -> {
            for (String v : stream.groupBy(v -> {
                if (v.equals("boom")) {
                    throw new IllegalArgumentException("no key for " + v);
                }
                return v;
            }, "k")) {
                seen.add(v);
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            tester.send("a", "one");
            tester.send("b", "boom");
            tester.send("c", "two");
            tester.awaitProcessed(WAIT);
            assertThat(seen).containsExactly("one", "two");
            assertThat(tester.errors()).singleElement().satisfies(e -> {
                assertThat(e.error()).hasMessage("no key for boom");
                assertThat(e.topic()).isEqualTo("in");
            });
            assertThat(tester.sent(tester.deadLetterTopic())).containsExactly("boom");
            assertThat(tester.outstanding()).isZero();
        }
    }

    @Test
    void filterMapEnumerateAndEchoCompose() {
        App app = App.create("ops");
        Topic<String, String> in = text(app, "in");
        Topic<String, String> audit = text(app, "audit");
        List<Indexed<Integer>> seen = new CopyOnWriteArrayList<>();
        Agent<String, String> agent = app.agent(in, stream -> {
            for (Indexed<Integer> i : stream.filter(s -> !s.isBlank()).echo(audit).map(String::length).enumerate()) {
                seen.add(i);
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            for (String s : List.of("ab", " ", "abcd", "", "x")) {
                tester.send("k", s);
            }
            tester.awaitProcessed(WAIT);
            assertThat(seen).containsExactly(new Indexed<>(0, 2), new Indexed<>(1, 4), new Indexed<>(2, 1));
            assertThat(tester.sentRecords("audit")).extracting(SentRecord::key, SentRecord::value)
                    .as("echo sends the value only, as Faust does")
                    .containsExactly(tuple(null, "ab"), tuple(null, "abcd"), tuple(null, "x"));
        }
    }

    @Test
    void eventsAfterMapCarryTheNewValueAndTheMessagesCoordinates() {
        App app = App.create("evmap");
        Topic<String, String> in = text(app, "in");
        Topic<String, String> out = text(app, "out");
        List<String> seen = new CopyOnWriteArrayList<>();
        Agent<String, String> agent = app.agent(in, stream -> {
            for (Event<String, Integer> e : stream.map(String::length).events()) {
                seen.add(e.key() + "=" + e.value() + "@" + e.offset());
                e.forward(out).join(); // the message as it was read
                e.send(out, e.key(), "len " + e.value()).join();
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            tester.send("a", "xyz", Map.of("trace", "t1".getBytes(StandardCharsets.UTF_8)));
            tester.awaitProcessed(WAIT);
            assertThat(seen).containsExactly("a=3@0");
            assertThat(tester.sentRecords("out")).extracting(SentRecord::key, SentRecord::value)
                    .containsExactly(tuple("a", "xyz"), tuple("a", "len 3"));
            assertThat(tester.sentRecords("out")).allSatisfy(r ->
                    assertThat(r.headers()).as("headers kept").containsKey("trace"));
        }
    }

    @Test
    void throughSendsEveryEventToATopicAndContinuesWithItsEvents() {
        App app = App.create("thru");
        Topic<String, String> in = text(app, "in");
        Topic<String, String> middle = text(app, "middle");
        List<String> seen = new CopyOnWriteArrayList<>();
        Agent<String, String> agent = app.agent(in, stream -> {
            for (Event<String, String> e : stream.filter(s -> s.startsWith("a")).through(middle).events()) {
                seen.add(e.topic() + ":" + e.value());
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            tester.send("1", "apple");
            tester.send("2", "banana");
            tester.send("3", "avocado");
            tester.awaitProcessed(WAIT);
            assertThat(seen).containsExactly("middle:apple", "middle:avocado");
            assertThat(tester.sent(middle)).containsExactly("apple", "avocado");
        }
    }

    @Test
    void takeBatchesAndANoackStreamHoldsEventsUntilTheyAreAcked() throws Exception {
        App app = App.create("batch");
        Topic<String, String> in = text(app, "in");
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        List<Event<String, String>> unacked = new CopyOnWriteArrayList<>();
        Agent<String, String> agent = app.agent(in, stream -> {
            for (List<Event<String, String>> batch : stream.noack().takeEvents(3, Duration.ofMillis(200))) {
                batches.add(batch.stream().map(Event::value).toList());
                unacked.addAll(batch);
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            for (int i = 0; i < 4; i++) {
                tester.send("k", "v" + i);
            }
            long t0 = System.nanoTime();
            while (batches.size() < 2 && System.nanoTime() - t0 < WAIT.toNanos()) {
                Thread.sleep(5);
            }
            assertThat(batches).containsExactly(List.of("v0", "v1", "v2"), List.of("v3"));
            assertThat(tester.outstanding()).as("noack: nothing acknowledged yet").isEqualTo(4);
            List<Event<String, String>> all = new ArrayList<>(unacked);
            Thread acker = Thread.ofPlatform().start(() -> all.forEach(Event::ack)); // e.g. a database callback
            acker.join();
            all.get(0).ack(); // twice: nothing more
            tester.awaitProcessed(WAIT);
            assertThat(tester.outstanding()).isZero();
        }
    }
}
