package faust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.FaustException;
import faust.Setting;
import faust.StopMode;
import faust.Topic;
import faust.devbroker.junit.EmbeddedKafka;
import faust.spi.Apps;
import faust.testing.Kafka;
import faust.testing.Workers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WorkerIT {
    @TempDir
    Path tmp;

    private static List<String> numbered(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void anAgentConsumesAndProducesAndTheWebStatusShowsIt() throws Exception {
        String id = EmbeddedKafka.uniqueName("echo");
        String out = id + "-out";
        Kafka.createTopic(out, 1);
        App app = App.create(id);
        Topic<byte[], Object> output = app.topic(out);
        faust.Agent<byte[], Object> upper = app.agent("upper", stream -> {
            for (Object v : stream) {
                output.send(v.toString().toUpperCase()).get(10, TimeUnit.SECONDS);
            }
        });
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0",
                Setting.TOPIC_PARTITIONS, "2"));
        try {
            upper.send("hello").get(10, TimeUnit.SECONDS);
            Kafka.sendJsonStrings(id + "-upper", null, numbered("v", 50));
            List<ConsumerRecord<byte[], byte[]>> got = Kafka.readAll(out, 51, Duration.ofSeconds(30));
            assertThat(Kafka.values(got)).hasSize(51).contains("\"HELLO\"", "\"V0\"", "\"V49\"");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + w.webPort() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"app\" : \"" + id + "\"").contains(id + "-upper-0")
                    .contains("\"name\" : \"upper\"");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + w.webPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
        assertThat(Kafka.topics()).contains(id + "-upper");
    }

    @Test
    void offsetsAreCommittedOnlyAfterProcessingAndARestartRedoesOnlyWhatWasNotCommitted() throws Exception {
        String id = EmbeddedKafka.uniqueName("commit");
        String topic = id + "-in";
        Kafka.createTopic(topic, 1);
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        App first = App.create(id);
        first.agent(first.topic(topic), stream -> {
            for (Object v : stream) {
                if (v.equals("e5")) {
                    never.await(); // stuck on e5, like a worker that dies mid-event
                }
                seen.add(v.toString());
            }
        });
        Kafka.sendJsonStrings(topic, 0, numbered("e", 10));
        Worker w = Workers.start(first, tmp.resolve("a"), Map.of());
        await("e0..e4 processed and committed").atMost(Duration.ofSeconds(30))
                .until(() -> Kafka.committed(id, topic, 0) == 5);
        assertThat(seen).containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(Workers.stop(w, StopMode.COLD)).isEqualTo(ExitCodes.COLD);
        assertThat(Kafka.committed(id, topic, 0)).as("the event in flight was not committed").isEqualTo(5);

        List<String> again = new CopyOnWriteArrayList<>();
        App second = App.create(id);
        second.agent(second.topic(topic), stream -> {
            for (Object v : stream) {
                again.add(v.toString());
            }
        });
        Worker w2 = Workers.start(second, tmp.resolve("a"), Map.of());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.size() >= 5);
            assertThat(again).containsExactly("e5", "e6", "e7", "e8", "e9");
            await().atMost(Duration.ofSeconds(30)).until(() -> Kafka.committed(id, topic, 0) == 10);
        } finally {
            Workers.stop(w2, StopMode.WARM);
        }
    }

    @Test
    void warmShutdownFinishesTheEventInFlightAndCommitsExactlyWhatWasDone() throws Exception {
        String id = EmbeddedKafka.uniqueName("warm");
        String topic = id + "-in";
        Kafka.createTopic(topic, 1);
        Kafka.sendJsonStrings(topic, 0, numbered("s", 40));
        List<String> done = new CopyOnWriteArrayList<>();
        App app = App.create(id);
        app.agent(app.topic(topic), stream -> {
            for (Object v : stream) {
                Thread.sleep(100);
                done.add(v.toString());
            }
        });
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> done.size() >= 3);
        assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        int finished = done.size();
        assertThat(finished).isLessThan(40);
        assertThat(Kafka.committed(id, topic, 0)).isEqualTo(finished);

        List<String> rest = new CopyOnWriteArrayList<>();
        App again = App.create(id);
        again.agent(again.topic(topic), stream -> {
            for (Object v : stream) {
                rest.add(v.toString());
            }
        });
        Worker w2 = Workers.start(again, tmp.resolve("w"), Map.of());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> rest.size() >= 40 - finished);
            List<String> all = new ArrayList<>(done);
            all.addAll(rest);
            assertThat(all).as("every event exactly once across the restart").containsExactlyElementsOf(numbered("s", 40));
        } finally {
            Workers.stop(w2, StopMode.WARM);
        }
    }

    @Test
    void withConcurrencyAnUnfinishedEventBlocksTheCommitOfLaterFinishedOnes() throws Exception {
        String id = EmbeddedKafka.uniqueName("conc");
        String topic = id + "-in";
        Kafka.createTopic(topic, 1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        App app = App.create(id);
        app.agent(app.topic(topic), stream -> {
            for (Object v : stream) {
                if (v.equals("c0")) {
                    release.await();
                }
                done.add(v.toString());
            }
        }, o -> o.concurrency(2));
        Kafka.sendJsonStrings(topic, 0, numbered("c", 10));
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> done.size() == 9);
            assertThat(done).doesNotContain("c0");
            // Several commit intervals pass; nothing may be committed past the in-flight c0.
            Thread.sleep(1000);
            assertThat(Kafka.committed(id, topic, 0)).isLessThanOrEqualTo(0);
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> Kafka.committed(id, topic, 0) == 10);
        } finally {
            release.countDown();
            Workers.stop(w, StopMode.WARM);
        }
    }

    @Test
    void twoWorkersSplitThePartitionsAndOneTakesOverWhenTheOtherStops() throws Exception {
        String id = EmbeddedKafka.uniqueName("pair");
        List<String> byA = new CopyOnWriteArrayList<>();
        List<String> byB = new CopyOnWriteArrayList<>();
        App a = App.create(id);
        a.agent("work", stream -> {
            for (Object v : stream) {
                byA.add(v.toString());
            }
        });
        App b = App.create(id);
        b.agent("work", stream -> {
            for (Object v : stream) {
                byB.add(v.toString());
            }
        });
        Map<Setting, String> four = Map.of(Setting.TOPIC_PARTITIONS, "4");
        Worker wa = Workers.start(a, tmp.resolve("a"), four);
        Worker wb = Workers.start(b, tmp.resolve("b"), four);
        try {
            assertThat(wb.assignment()).as("ready only once it holds its share (after the cooperative hand-over)")
                    .isNotEmpty();
            await("partitions split").atMost(Duration.ofSeconds(60)).until(() ->
                    !wa.assignment().isEmpty() && !wb.assignment().isEmpty()
                            && wa.assignment().size() + wb.assignment().size() == 4);
            for (int p = 0; p < 4; p++) {
                Kafka.sendJsonStrings(id + "-work", p, numbered("p" + p + "-", 5));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> byA.size() + byB.size() == 20);
            assertThat(byA).isNotEmpty();
            assertThat(byB).isNotEmpty();

            assertThat(Workers.stop(wa, StopMode.WARM)).isEqualTo(ExitCodes.OK);
            await("b takes over").atMost(Duration.ofSeconds(30)).until(() -> wb.assignment().size() == 4);
            for (int p = 0; p < 4; p++) {
                Kafka.sendJsonStrings(id + "-work", p, numbered("q" + p + "-", 5));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> byB.stream().filter(s -> s.startsWith("q")).count() == 20);
            List<String> all = new ArrayList<>(byA);
            all.addAll(byB);
            assertThat(all).hasSize(40).doesNotHaveDuplicates();
        } finally {
            Workers.stop(wb, StopMode.WARM);
        }
    }

    record Payment(String id, int cents) {
    }

    @Test
    void anAgentErrorAndAnUndecodableMessageGoToTheDeadLetterTopicAndProcessingGoesOn() throws Exception {
        String id = EmbeddedKafka.uniqueName("dlq");
        String topic = id + "-payments";
        Kafka.createTopic(topic, 1);
        List<Payment> ok = new CopyOnWriteArrayList<>();
        App app = App.create(id);
        app.agent(app.topic(topic, byte[].class, Payment.class), stream -> {
            for (Payment p : stream) {
                if (p.cents() < 0) {
                    throw new IllegalArgumentException("negative amount in " + p.id());
                }
                ok.add(p);
            }
        });
        Kafka.sendRaw(topic, 0, List.of(
                "{\"id\":\"a\",\"cents\":1}".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"b\",\"cents\":-5}".getBytes(StandardCharsets.UTF_8),
                "this is not json".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"c\",\"cents\":3}".getBytes(StandardCharsets.UTF_8)));
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.size() == 2);
            assertThat(ok).extracting(Payment::id).containsExactly("a", "c");
            List<ConsumerRecord<byte[], byte[]>> dead = Kafka.readAll(id + "-__dead-letter", 2, Duration.ofSeconds(30));
            assertThat(Kafka.values(dead)).containsExactlyInAnyOrder("{\"id\":\"b\",\"cents\":-5}", "this is not json");
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                String error = new String(r.headers().lastHeader("faust.error").value(), StandardCharsets.UTF_8);
                String offset = new String(r.headers().lastHeader("faust.offset").value(), StandardCharsets.UTF_8);
                if (new String(r.value(), StandardCharsets.UTF_8).startsWith("{")) {
                    assertThat(error).contains("negative amount in b");
                    assertThat(offset).isEqualTo("1");
                } else {
                    assertThat(error).contains("not JSON");
                    assertThat(offset).isEqualTo("2");
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Kafka.committed(id, topic, 0) == 4);
        } finally {
            Workers.stop(w, StopMode.WARM);
        }
    }

    @Test
    void aConfiguredBrokerThatDoesNotAnswerIsAOneLineErrorWithinTheConnectTimeout() {
        App app = App.create(EmbeddedKafka.uniqueName("nobroker"));
        app.agent("x", stream -> { });
        Apps.configure(app, Map.of("FAUST_BROKER_URL", "kafka://127.0.0.1:1", "FAUST_BROKER_CONNECT_TIMEOUT", "2",
                "FAUST_DATADIR", tmp.resolve("nb").toString(), "FAUST_WEB_ENABLED", "false"), Map.of());
        Worker w = new Worker(app, Worker.Options.defaults());
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> w.start(b -> { }))
                .isInstanceOf(FaustException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("FAUST_BROKER_URL")
                .hasMessageContaining("faust broker start")
                .hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(w.state()).isEqualTo(WorkerState.STOPPED);
    }

    @Test
    void aSecondWorkerOnTheSameDatadirIsRefused() throws Exception {
        String id = EmbeddedKafka.uniqueName("lock");
        App a = App.create(id);
        a.agent("x", stream -> {
            for (Object ignored : stream) {
                // nothing
            }
        });
        Worker wa = Workers.start(a, tmp.resolve("same"), Map.of(Setting.TOPIC_PARTITIONS, "1"));
        try {
            App b = App.create(id);
            b.agent("x", stream -> { });
            assertThatThrownBy(() -> Workers.start(b, tmp.resolve("same"), Map.of()))
                    .isInstanceOf(faust.ConfigException.class)
                    .hasMessageContaining("--datadir");
        } finally {
            Workers.stop(wa, StopMode.WARM);
        }
    }
}
