package faust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.AgentOptions;
import faust.App;
import faust.AskTimeoutException;
import faust.Event;
import faust.KeyValue;
import faust.Topic;
import faust.YieldingAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Yielding agents, sinks and asks in the tester, without Kafka. */
class YieldingAgentTesterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    record Price(String sku, int cents) {
    }

    @Test
    void askGetsTheEmittedResultAndEveryResultGoesToTheSinks() {
        App app = App.create("shop");
        Topic<byte[], Integer> audit = app.topic("audit", byte[].class, Integer.class);
        YieldingAgent<byte[], Object, Object> log = app.agent("log", (stream, out) -> {
            for (Object v : stream) {
                out.emit(v);
            }
        });
        List<Integer> called = new CopyOnWriteArrayList<>();
        YieldingAgent<byte[], Integer, Integer> adder = app.agent("adder", Integer.class, Integer.class,
                (stream, out) -> {
                    for (Integer v : stream) {
                        out.emit(v + 1);
                    }
                }, o -> { });
        adder.sink(audit).sink(log).sink(called::add);

        try (AgentTester<byte[], Integer> tester = AgentTester.of(adder)) {
            assertThat(adder.ask(41)).isEqualTo(42);
            assertThat(adder.askNowait("k".getBytes(StandardCharsets.UTF_8), 1)).succeedsWithin(WAIT).isEqualTo(2);
            tester.send(9); // a plain send: no reply, but the sinks get the result
            tester.awaitProcessed(WAIT);

            assertThat(tester.sent(audit)).containsExactly(42, 2, 10);
            assertThat(tester.sent("shop-log")).containsExactly(42, 2, 10);
            assertThat(called).containsExactly(42, 2, 10);
            SentRecord request = tester.sentRecords("shop-adder").getFirst();
            assertThat(request.value()).isEqualTo(41);
            assertThat(request.headers()).containsOnlyKeys("Faust-Ag-ReplyTo", "Faust-Ag-CorrelationId");
            String replyTopic = new String(request.headers().get("Faust-Ag-ReplyTo"), StandardCharsets.UTF_8);
            assertThat(replyTopic).matches("f-reply-[0-9a-f-]{36}");
            assertThat(tester.sentRecords(replyTopic)).hasSize(2);
            assertThat(new String(tester.sentRecords(replyTopic).getFirst().rawValue(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"key\":null,\"value\":42,\"correlation_id\":\""
                            + new String(request.headers().get("Faust-Ag-CorrelationId"), StandardCharsets.UTF_8)
                            + "\",\"__faust\":{\"ns\":\"@ReqRepResponse\"}}");
            assertThat(tester.errors()).isEmpty();
        }
    }

    @Test
    void mapAndJoinGiveTheRepliesInTheOrderOfTheRequests() {
        App app = App.create("prices");
        YieldingAgent<byte[], String, Price> pricer = app.agent("pricer", String.class, Price.class,
                (stream, out) -> {
                    for (String sku : stream) {
                        if (sku.equals("slow")) {
                            Thread.sleep(200); // later requests are answered first by another instance
                        }
                        out.emit(new Price(sku, sku.length() * 100));
                    }
                }, o -> o.concurrency(4));

        try (AgentTester<byte[], String> tester = AgentTester.of(pricer)) {
            assertThat(pricer.join(List.of("slow", "ab", "abc")))
                    .containsExactly(new Price("slow", 400), new Price("ab", 200), new Price("abc", 300));
            assertThat(pricer.map(List.of("a", "slow")))
                    .containsExactly(new Price("a", 100), new Price("slow", 400));
            byte[] key = "k".getBytes(StandardCharsets.UTF_8);
            assertThat(pricer.kvjoin(List.of(new KeyValue<>(key, "x"), new KeyValue<>(null, "yy"))))
                    .containsExactly(new Price("x", 100), new Price("yy", 200));
        }
    }

    @Test
    void anAskNobodyAnswersFailsWithAClearTimeout() {
        App app = App.create("mute", cfg -> cfg.set("ask_timeout", "300ms"));
        YieldingAgent<byte[], Object, Object> mute = app.agent("mute", (stream, out) -> {
            for (Object ignored : stream) {
                // never emits
            }
        });
        try (AgentTester<byte[], Object> tester = AgentTester.of(mute)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> mute.ask("hello"))
                    .isInstanceOf(AskTimeoutException.class)
                    .hasMessageContaining("no reply from agent mute (topic mute-mute) within 300 ms");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
            CompletableFuture<Object> later = mute.askNowait(null, "again", Duration.ofMillis(200));
            assertThat(later).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isInstanceOf(AskTimeoutException.class);
            tester.awaitProcessed(WAIT);
        }
    }

    @Test
    void anAgentReadsSeveralTopicsAndTopicPatterns() {
        App app = App.create("multi");
        Topic<String, String> eu = app.topic("orders-eu", String.class, String.class,
                t -> t.keyCodec("string").valueCodec("string"));
        Topic<String, String> us = app.topic(Pattern.compile("orders-us-.*"), String.class, String.class,
                t -> t.keyCodec("string").valueCodec("string"));
        List<String> seen = new CopyOnWriteArrayList<>();
        var agent = app.agent("all-orders", List.of(eu, us), stream -> {
            for (Event<String, String> e : stream.events()) {
                seen.add(e.topic() + ":" + e.value());
            }
        }, o -> { });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            tester.send("k", "one");
            tester.sendTo("orders-us-east", "k", "two");
            eu.send("k", "three").join();
            tester.awaitProcessed(WAIT);
            assertThat(seen).containsExactly("orders-eu:one", "orders-us-east:two", "orders-eu:three");
            assertThatThrownBy(() -> tester.sendTo("orders-asia", "k", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not read topic orders-asia");
            assertThatThrownBy(() -> us.send("k", "x")).hasMessageContaining("cannot be sent to");
        }
    }

    @Test
    void theStopWorkerSupervisorStopsOnTheFirstFailure() {
        App app = App.create("crashy");
        YieldingAgent<byte[], Integer, Integer> inverse = app.agent("inverse", Integer.class, Integer.class,
                (stream, out) -> {
                    for (Integer v : stream) {
                        out.emit(100 / v);
                    }
                }, o -> o.supervisor(AgentOptions.Supervisor.STOP_WORKER));
        try (AgentTester<byte[], Integer> tester = AgentTester.of(inverse)) {
            assertThat(inverse.ask(4)).isEqualTo(25);
            tester.send(0);
            assertThatThrownBy(() -> tester.awaitProcessed(WAIT)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("supervisor STOP_WORKER");
            assertThat(tester.errors()).singleElement().satisfies(e ->
                    assertThat(e.error()).isInstanceOf(ArithmeticException.class));
            assertThat(tester.sent(tester.deadLetterTopic())).as("the event is not handed to the error policy")
                    .isEmpty();
        }
    }

    @Test
    void groupByOverSeveralTopicsWritesEachEventInTheRepartitionTopicsEncoding() {
        App app = App.create("regions");
        Topic<String, String> eu = app.topic("sales-eu", String.class, String.class, t -> t.keyCodec("string"));
        Topic<String, String> us = app.topic("sales-us", String.class, String.class,
                t -> t.keyCodec("string").valueCodec("string"));
        List<String> seen = new CopyOnWriteArrayList<>();
        var agent = app.agent("sales", List.of(eu, us), stream -> {
            for (Event<String, String> e : stream.groupBy(v -> v, "item").events()) {
                seen.add(e.key() + "=" + e.value());
            }
        }, o -> { });
        try (AgentTester<String, String> tester = AgentTester.of(agent)) {
            tester.send("k1", "apple");
            tester.sendTo("sales-us", "k2", "pear");
            tester.awaitProcessed(WAIT);
            assertThat(seen).as("both read back from the repartition topic, the US one re-encoded")
                    .containsExactly("apple=apple", "pear=pear");
            assertThat(tester.sentRecords("sales-sales-eu-item-repartition")).extracting(
                    r -> new String(r.rawValue(), StandardCharsets.UTF_8)).containsExactly("\"apple\"", "\"pear\"");
        }
    }

    @Test
    void anAskIsAnsweredAfterTheRequestWentThroughGroupBy() {
        App app = App.create("regroup-ask");
        YieldingAgent<byte[], String, String> upper = app.agent("upper", String.class, String.class,
                (stream, out) -> {
                    for (String v : stream.groupBy(v -> v.getBytes(StandardCharsets.UTF_8), "word")) {
                        out.emit(v.toUpperCase(java.util.Locale.ROOT));
                    }
                }, o -> { });
        try (AgentTester<byte[], String> tester = AgentTester.of(upper)) {
            assertThat(upper.ask("hello")).as("the reply headers travel with the repartitioned event")
                    .isEqualTo("HELLO");
            tester.awaitProcessed(WAIT);
        }
    }
}
