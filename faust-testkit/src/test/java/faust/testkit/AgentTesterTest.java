package faust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import faust.Agent;
import faust.App;
import faust.Event;
import faust.KeyValue;
import faust.Topic;
import faust.codecs.CodecException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentTesterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    record Order(String id, int qty) {
    }

    private static Topic<String, String> textTopic(App app, String name) {
        return app.topic(name, String.class, String.class, t -> t.keyCodec("string").valueCodec("string"));
    }

    @Test
    void tablesAndWindowedTablesWorkInTheTesterOnMemoryStores() {
        App app = App.create("tabled");
        Topic<String, String> words = textTopic(app, "tabled-words");
        faust.Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        faust.WindowedTable<String, Long> perMinute = app.table("per-minute", String.class, Long.class,
                t -> t.defaultValue(0L)).tumbling(Duration.ofMinutes(1), Duration.ofHours(1));
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Agent<String, String> count = app.agent(words, stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
                perMinute.update(e.key(), n -> n + 1);
                seen.add(perMinute.get(e.key()).current());
            }
        });
        try (AgentTester<String, String> tester = AgentTester.of(count)) {
            tester.send("apple", "x");
            tester.send("apple", "y");
            tester.send("pear", "z");
            tester.awaitProcessed(WAIT);
            assertThat(counts.local()).containsOnly(Map.entry("apple", 2L), Map.entry("pear", 1L));
            assertThat(counts.get("apple")).isEqualTo(2L);
            assertThat(perMinute.local().values()).as("the three events' minutes").containsAnyOf(1L, 2L);
            assertThat(perMinute.local().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);
            assertThat(tester.sentTopics()).as("changelogs are not among the sent records")
                    .doesNotContain("tabled-counts-changelog");
        }
        assertThat(seen).hasSize(3);
    }

    @Test
    void echoAgentForwardsUpperCasedValuesToAnotherTopic() {
        App app = App.create("echo");
        Topic<String, String> words = textTopic(app, "words");
        Topic<String, String> shouts = textTopic(app, "shouts");
        Agent<String, String> echo = app.agent(words, stream -> {
            for (KeyValue<String, String> kv : stream.items()) {
                shouts.send(kv.key(), kv.value().toUpperCase()).join();
            }
        });

        try (AgentTester<String, String> tester = AgentTester.of(echo)) {
            assertThat(tester.send("a", "hello").offset()).isZero();
            assertThat(tester.send("b", "world").offset()).isEqualTo(1);
            echo.send("c", "again"); // the test may also send through the app's own API
            tester.awaitProcessed(WAIT);

            assertThat(tester.sent("shouts")).containsExactly("HELLO", "WORLD", "AGAIN");
            assertThat(tester.sent(shouts)).containsExactly("HELLO", "WORLD", "AGAIN");
            assertThat(tester.sentRecords("shouts"))
                    .extracting(SentRecord::key, SentRecord::partition, SentRecord::offset)
                    .containsExactly(tuple("a", 0, 0L), tuple("b", 0, 1L), tuple("c", 0, 2L));
            assertThat(tester.sent("words")).as("the agent's own topic holds what it was fed")
                    .containsExactly("hello", "world", "again");
            assertThat(tester.delivered()).isEqualTo(3);
            assertThat(tester.outstanding()).isZero();
            assertThat(tester.errors()).isEmpty();
        }
    }

    @Test
    void valuesGoThroughTheTopicsCodecsBothWays() {
        App app = App.create("shop");
        Topic<byte[], Object> totals = app.topic("totals");
        Agent<byte[], Order> orders = app.agent("orders", Order.class, stream -> {
            for (Event<byte[], Order> e : stream.events()) {
                totals.send(e.key(), Map.of("id", e.value().id(), "total", e.value().qty() * 10,
                        "tag", new String(e.headers().get("tag"), StandardCharsets.UTF_8))).join();
            }
        }, o -> { });

        try (AgentTester<byte[], Order> tester = AgentTester.of(app, orders)) {
            tester.send("k1".getBytes(StandardCharsets.UTF_8), new Order("o1", 3),
                    Map.of("tag", "x".getBytes(StandardCharsets.UTF_8)));
            // Bytes that are not an Order, written by someone with other codecs: not decodable.
            Topic<byte[], byte[]> raw = app.topic("shop-orders", byte[].class, byte[].class,
                    t -> t.valueCodec("raw"));
            raw.send("not json".getBytes(StandardCharsets.UTF_8)).join();
            tester.awaitProcessed(WAIT);

            assertThat(tester.sent("totals")).containsExactly(Map.of("id", "o1", "total", 30, "tag", "x"));
            assertThat(tester.sentRecords("totals").getFirst().keyText()).isEqualTo("k1");
            assertThat(tester.errors()).singleElement().satisfies(err -> {
                assertThat(err.where()).isEqualTo("decoding shop-orders as Order");
                assertThat(err.offset()).isEqualTo(1);
                assertThat(err.error()).isInstanceOf(CodecException.class);
            });
            assertThat(tester.sentRecords(tester.deadLetterTopic())).singleElement()
                    .satisfies(r -> assertThat(r.header("faust.failed")).isEqualTo("decoding shop-orders as Order"));
        }
    }

    @Test
    void anAgentWithConcurrencyThreeRunsThreeInstancesAtOnce() {
        App app = App.create("conc");
        Topic<String, String> jobs = textTopic(app, "jobs");
        Topic<String, String> done = textTopic(app, "done");
        CountDownLatch allInside = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Agent<String, String> worker = app.agent(jobs, stream -> {
            for (String job : stream) {
                threads.add(Thread.currentThread().getName());
                allInside.countDown();
                // Only three instances processing at the same time get past this.
                if (!allInside.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the three jobs were not processed concurrently");
                }
                done.send(job + "-done").join();
            }
        }, o -> o.concurrency(3));

        try (AgentTester<String, String> tester = AgentTester.of(app, worker)) {
            tester.send("j1");
            tester.send("j2");
            tester.send("j3");
            tester.awaitProcessed(WAIT);

            assertThat(tester.errors()).isEmpty();
            assertThat(tester.sent("done")).containsExactlyInAnyOrder("j1-done", "j2-done", "j3-done");
            assertThat(threads).containsExactlyInAnyOrder("agent-jobs-0", "agent-jobs-1", "agent-jobs-2");
        }
    }

    @Test
    void anAgentThatThrowsHasItsEventsRecordedAndGoesOnWithTheOthers() {
        App app = App.create("picky");
        Topic<String, String> in = textTopic(app, "in");
        Topic<String, String> out = textTopic(app, "out");
        Agent<String, String> picky = app.agent(in, stream -> {
            for (String v : stream) {
                if (v.startsWith("bad")) {
                    throw new IllegalArgumentException("cannot take " + v);
                }
                out.send(v.toUpperCase()).join();
            }
        });

        try (AgentTester<String, String> tester = AgentTester.of(app, picky)) {
            for (String v : List.of("a", "bad1", "b", "bad2", "c")) {
                tester.send(v);
            }
            tester.awaitProcessed(WAIT);

            assertThat(tester.sent("out")).containsExactly("A", "B", "C");
            assertThat(tester.errors())
                    .extracting(AgentError::where, AgentError::value, AgentError::offset, e -> e.error().getMessage())
                    .containsExactly(tuple("agent in", "bad1", 1L, "cannot take bad1"),
                            tuple("agent in", "bad2", 3L, "cannot take bad2"));
            // The app's default error policy sent them to the dead-letter topic, as a worker would.
            assertThat(tester.deadLetterTopic()).isEqualTo("picky-__dead-letter");
            assertThat(tester.sentRecords(tester.deadLetterTopic()))
                    .extracting(r -> r.header("faust.offset"), r -> r.header("faust.error"))
                    .containsExactly(tuple("1", "java.lang.IllegalArgumentException: cannot take bad1"),
                            tuple("3", "java.lang.IllegalArgumentException: cannot take bad2"));
        }
    }

    @Test
    void awaitProcessedTimesOutWithAClearMessageWhenTheAgentBlocks() {
        App app = App.create("stuck");
        CountDownLatch release = new CountDownLatch(1);
        Agent<byte[], Object> blocker = app.agent("blocker", stream -> {
            for (Object v : stream) {
                release.await();
            }
        });

        try (AgentTester<byte[], Object> tester = AgentTester.of(app, "blocker")) {
            assertThat(tester.agent()).isSameAs(blocker);
            tester.send("first");
            tester.send("second");

            assertThatThrownBy(() -> tester.awaitProcessed(Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("agent blocker: 2 of 2 events not processed within 200 ms")
                    .hasMessageContaining("agent-blocker-0 busy for")
                    .hasMessageContaining("on stuck-blocker-0@0 (value first)")
                    .hasMessageContaining("CountDownLatch.await");

            release.countDown();
            tester.awaitProcessed(WAIT);
            assertThat(tester.outstanding()).isZero();
        }
    }

    @Test
    void errorPolicyStopStopsTheAgentAndAwaitProcessedSaysSo() {
        App app = App.create("strict", cfg -> cfg.set("error_policy", "stop"));
        Agent<byte[], Object> strict = app.agent("strict", stream -> {
            for (Object v : stream) {
                throw new IllegalStateException("no " + v);
            }
        });

        try (AgentTester<byte[], Object> tester = AgentTester.of(app, strict)) {
            tester.send("x");
            assertThatThrownBy(() -> tester.awaitProcessed(WAIT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("stopped by error_policy=stop")
                    .hasMessageContaining("no x");
            assertThat(tester.errors()).singleElement().extracting(AgentError::value).isEqualTo("x");
            assertThat(tester.sentRecords(tester.deadLetterTopic())).isEmpty();
        }
    }

    @Test
    void oneTesterPerAppAndNoSendsAfterClose() {
        App app = App.create("once");
        app.agent("a", stream -> {
            for (Object ignored : stream) {
                // nothing
            }
        });
        assertThatThrownBy(() -> AgentTester.of(app, "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no agent named 'nope'; it has [a]");
        Agent<byte[], Object> foreign = App.create("other").agent("a", s -> { });
        assertThatThrownBy(() -> AgentTester.of(app, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not declared in app once");

        AgentTester<byte[], Object> tester = AgentTester.of(app, "a");
        assertThatThrownBy(() -> AgentTester.of(app, "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still open");
        tester.send("v");
        tester.close();
        tester.close();
        assertThatThrownBy(() -> tester.send("w")).isInstanceOf(IllegalStateException.class);

        try (AgentTester<byte[], Object> again = AgentTester.of(app, "a")) {
            assertThat(again.sent("once-a")).as("a new tester starts with an empty log").isEmpty();
        }
    }
}
