package faust.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.Table;
import faust.Topic;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stream operators in real workers: groupBy through Kafka with two workers, a noack stream's commits. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OperatorsIT {
    private static final int PARTITIONS = 4;

    @TempDir
    Path tmp;

    /** Faust's word count: unkeyed sentences, re-keyed by word, counted in a table. */
    private static App wordCount(String id, String sentences) {
        App app = App.create(id);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        Topic<String, String> topic = app.topic(sentences, String.class, String.class);
        app.agent(topic, stream -> {
            for (String word : stream.flatMap(s -> Arrays.asList(s.split(" ")), String.class)
                    .groupBy(w -> w, "word")) {
                counts.update(word, n -> n + 1);
            }
        });
        return app;
    }

    private static List<String> sentences(int n) {
        String[] vocab = {"apple", "banana", "cherry", "date", "elder", "fig", "grape", "kiwi", "lime"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j <= i % 5; j++) {
                sb.append(j == 0 ? "" : " ").append(vocab[(i * 7 + j * 3) % vocab.length]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static Map<String, Long> count(List<String> sentences) {
        Map<String, Long> m = new HashMap<>();
        sentences.forEach(s -> Arrays.stream(s.split(" ")).forEach(w -> m.merge(w, 1L, Long::sum)));
        return m;
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void wordCountThroughGroupByIsExactWithTwoWorkersSharingThePartitions() throws Exception {
        String id = EmbeddedKafka.uniqueName("wcg");
        String topic = id + "-sentences";
        // partitioned unlike the table: the table follows the repartition topic (topic_partitions), not this one
        int sourcePartitions = PARTITIONS - 1;
        Kafka.createTopic(topic, sourcePartitions);
        App a = wordCount(id, topic);
        App b = wordCount(id, topic);
        Map<Setting, String> settings = Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0",
                Setting.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
        Worker wa = Workers.start(a, tmp.resolve("a"), settings);
        Worker wb = Workers.start(b, tmp.resolve("b"), settings);
        try {
            String repartition = topic + "-" + topic + "-word-repartition";
            await("the partitions split").atMost(Duration.ofSeconds(60))
                    .until(() -> wa.ready() && wb.ready() && !wa.assignment().isEmpty() && !wb.assignment().isEmpty()
                            && wa.assignment().size() + wb.assignment().size() == sourcePartitions + PARTITIONS);
            assertThat(wa.assignment()).extracting(tp -> tp.topic()).containsOnly(topic, repartition);

            List<String> all = sentences(400);
            for (int p = 0; p < sourcePartitions; p++) { // unkeyed, spread over every partition
                List<String> part = new ArrayList<>();
                for (int i = p; i < all.size(); i += sourcePartitions) {
                    part.add(all.get(i));
                }
                Kafka.sendJsonStrings(topic, p, part);
            }
            Map<String, Long> want = count(all);
            await("exact counts over both workers").atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, Long> got = new HashMap<>(a.tables().get(0).local().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> (String) e.getKey(), e -> (Long) e.getValue())));
                b.tables().get(0).local().forEach((k, v) -> got.merge((String) k, (Long) v, Long::sum));
                return got.equals(want);
            });
            assertThat(a.tables().get(0).local()).as("worker a counts some words").isNotEmpty();
            assertThat(b.tables().get(0).local()).as("worker b counts the others").isNotEmpty();
            for (String word : want.keySet()) {
                assertThat(get(wa.webPort(), "/table/counts/" + word)).as(word).isEqualTo(want.get(word).toString());
                assertThat(get(wb.webPort(), "/table/counts/" + word)).as(word).isEqualTo(want.get(word).toString());
            }
            assertThat(Kafka.topics()).contains(repartition);
            long words = want.values().stream().mapToLong(Long::longValue).sum();
            assertThat(Kafka.size(repartition)).as("one repartitioned record per word").isEqualTo(words);
            List<byte[]> keys = Kafka.readAll(repartition, (int) words, Duration.ofSeconds(30)).stream()
                    .map(r -> r.key()).toList();
            assertThat(new String(keys.get(0), StandardCharsets.UTF_8)).as("raw key: the word's bytes")
                    .isIn(want.keySet());
        } finally {
            assertThat(Workers.stop(wa, StopMode.WARM)).isEqualTo(ExitCodes.OK);
            assertThat(Workers.stop(wb, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void aNoackStreamThatNeverAcksHoldsTheCommitBack() throws Exception {
        String id = EmbeddedKafka.uniqueName("noack");
        String topicName = id + "-in";
        Kafka.createTopic(topicName, 1);
        App app = App.create(id);
        List<Event<byte[], Object>> held = new CopyOnWriteArrayList<>();
        List<Object> seen = new CopyOnWriteArrayList<>();
        app.agent(app.topic(topicName), stream -> {
            for (Event<byte[], Object> e : stream.noack().events()) {
                seen.add(e.value());
                if ("hold".equals(e.value())) {
                    held.add(e); // acked later, by the test
                } else {
                    e.ack();
                }
            }
        });
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        try {
            Kafka.sendJsonStrings(topicName, 0, List.of("a", "hold", "b", "c"));
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 4);
            await("the commit reaches the held event").atMost(Duration.ofSeconds(30))
                    .until(() -> Kafka.committed(id, topicName, 0) == 1);
            await("b and c are acked, but hold is not: five commit intervals do not move the commit")
                    .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> Kafka.committed(id, topicName, 0) == 1);
            held.get(0).ack();
            await("acked: the commit moves on").atMost(Duration.ofSeconds(30))
                    .until(() -> Kafka.committed(id, topicName, 0) == 4);
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }
}
