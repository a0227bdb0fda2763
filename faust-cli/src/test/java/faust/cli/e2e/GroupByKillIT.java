package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faust's word count through {@code groupBy} run as users run it (two {@code bin/faust} workers): KILL one in
 * the middle of the pipeline, and the other counts every word at least once (at-least-once: the uncommitted
 * part of the KILLed worker's sentences and repartitioned words is redone; the duplicates are reported).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GroupByKillIT extends E2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String APP = """
            import faust.App;
            import faust.Table;
            import faust.Topic;
            import java.util.Arrays;

            /** Word count through groupBy; each word takes E2E_SLEEP_MS, so a KILL lands mid-pipeline. */
            public class wcapp {
                static final String ID = System.getenv("E2E_APP_ID");
                static final long SLEEP_MS = Long.parseLong(System.getenv().getOrDefault("E2E_SLEEP_MS", "0"));
                public static final App app = App.create(ID);
                static final Topic<String, String> sentences = app.topic(ID + "-sentences", String.class, String.class);
                static final Table<String, Long> counts = app.table("counts", String.class, Long.class,
                        t -> t.defaultValue(0L));

                static {
                    app.agent(sentences, stream -> {
                        for (String word : stream.flatMap(s -> Arrays.asList(s.split(" ")), String.class)
                                .groupBy(w -> w, "word")) {
                            counts.update(word, n -> n + 1);
                            Thread.sleep(SLEEP_MS);
                        }
                    });
                }
            }
            """;

    private Launched.Spec wordCountWorker(String name, Map<String, String> env) {
        Map<String, String> all = Launched.env(
                "E2E_APP_ID", appId,
                "FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "FAUST_BROKER_COMMIT_INTERVAL", "0.5",
                "FAUST_BROKER_HEARTBEAT_INTERVAL", "1");
        all.putAll(env);
        return new Launched.Spec(name, dir, all, List.of("--broker=" + Kafka.url(), "-W", dir.toString(),
                "--datadir=" + dir.resolve(name + "-data"), "-A", "wcapp", "-l", "info", "worker", "--web-port=0"),
                false);
    }

    private static JsonNode get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long total(JsonNode entries) {
        long n = 0;
        for (JsonNode v : entries) {
            n += v.asLong();
        }
        return n;
    }

    @Test
    void killOfOneWorkerDuringAGroupByPipelineLosesNoWord() throws IOException {
        Files.writeString(dir.resolve("wcapp.java"), APP);
        String sentencesTopic = appId + "-sentences";
        Kafka.createTopic(sentencesTopic, PARTITIONS);
        Map<String, String> env = Map.of("E2E_SLEEP_MS", "2", "FAUST_BROKER_SESSION_TIMEOUT", "6");
        List<Launched> two = start(wordCountWorker("worker1", env), wordCountWorker("worker2", env));
        Launched w1 = two.get(0);
        Launched w2 = two.get(1);
        parallel(two, Launched::awaitReady);
        int port1 = w1.webPort();
        int port2 = w2.webPort();
        String repartition = sentencesTopic + "-" + sentencesTopic + "-word-repartition";
        await("both workers hold partitions of both topics").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode s1 = status(port1).path("assignment");
                    JsonNode s2 = status(port2).path("assignment");
                    return s1.size() > 0 && s2.size() > 0 && s1.size() + s2.size() == 2 * PARTITIONS
                            && s1.toString().contains(repartition);
                });

        String[] vocab = {"apple", "banana", "cherry", "date", "elder", "fig", "grape", "kiwi", "lime", "mango"};
        List<Map.Entry<Integer, String>> sentences = new ArrayList<>();
        Map<String, Long> want = new HashMap<>();
        for (int i = 0; i < 240; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 5; j++) {
                String w = vocab[(i * 3 + j * 7) % vocab.length];
                sb.append(j == 0 ? "" : " ").append(w);
                want.merge(w, 1L, Long::sum);
            }
            sentences.add(Map.entry(i % PARTITIONS, sb.toString()));
        }
        Kafka.send(sentencesTopic, sentences);
        long words = want.values().stream().mapToLong(Long::longValue).sum();
        await("worker1 counted some words").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode local = get(port1, "/table/counts/");
                    return local != null && total(local) >= 100;
                });
        long t0 = System.nanoTime();
        w1.signal("KILL");
        assertThat(w1.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);

        await("worker2 counted every word at least once").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode local = get(port2, "/table/counts/");
                    if (local == null) {
                        return false;
                    }
                    for (Map.Entry<String, Long> e : want.entrySet()) {
                        if (local.path(e.getKey()).asLong() < e.getValue()) {
                            return false;
                        }
                    }
                    return true;
                });
        figure("KILL to every word counted by the other worker", msSince(t0), "ms");
        long[] last = {-1};
        await("the counts settle").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .during(Duration.ofSeconds(2)).until(() -> {
                    JsonNode local = get(port2, "/table/counts/");
                    long t = local == null ? -2 : total(local);
                    boolean same = t == last[0];
                    last[0] = t;
                    return same;
                });
        JsonNode counts = get(port2, "/table/counts/");
        for (Map.Entry<String, Long> e : want.entrySet()) {
            assertThat(counts.path(e.getKey()).asLong()).as("count of %s", e.getKey()).isGreaterThanOrEqualTo(e.getValue());
        }
        figure("words counted twice after the KILL (at-least-once duplicates)", total(counts) - words, "words");
        w2.signal("TERM");
        assertThat(w2.awaitExit(Duration.ofSeconds(60))).as(w2.output()).isZero();
    }
}
