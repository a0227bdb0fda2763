package faust.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.ConfigException;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.Table;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Word count: exact counts across restarts, recovery from the changelog, standbys and web routing. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TablesIT {
    @TempDir
    Path tmp;

    /** The app under test; {@code counts} is looked up through {@link App#tables()}. */
    private static App wordCount(String id, String topic) {
        App app = App.create(id);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        app.agent(app.topic(topic, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
            }
        });
        return app;
    }

    @SuppressWarnings("unchecked")
    private static Table<String, Long> counts(App app) {
        return (Table<String, Long>) app.tables().get(0);
    }

    private static void sendWords(String topic, List<String> words) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", Kafka.servers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String w : words) {
                producer.send(new ProducerRecord<>(topic, w, w));
            }
            producer.flush();
        }
    }

    private static List<String> words(int n) {
        String[] vocab = {"apple", "banana", "cherry", "date", "elder", "fig", "grape"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(vocab[(i * 7 + i / 3) % vocab.length]);
        }
        return out;
    }

    private static Map<String, Long> expected(List<String> words) {
        Map<String, Long> m = new HashMap<>();
        words.forEach(w -> m.merge(w, 1L, Long::sum));
        return m;
    }

    /** Counts {@code ws} with a worker on datadir {@code tmp/w}, waits for the exact counts, stops it warm. */
    private void countThenStop(String id, String topic, int partitions, List<String> ws) throws Exception {
        Kafka.createTopic(topic, partitions);
        sendWords(topic, ws);
        App app = wordCount(id, topic);
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> counts(app).local().equals(expected(ws)));
        assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void countsStayExactAcrossAWarmRestartAndRecoverOnlyWhatTheStoreLacks() throws Exception {
        String id = EmbeddedKafka.uniqueName("wc");
        String topic = id + "-words";
        List<String> first = words(300);
        countThenStop(id, topic, 4, first);
        assertThat(Kafka.topics()).contains(id + "-counts-changelog");

        App again = wordCount(id, topic);
        Worker w2 = Workers.start(again, tmp.resolve("w"), Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0"));
        try {
            assertThat(w2.tableRecordsRecovered()).as("the local store had everything").isZero();
            assertThat(counts(again).local()).isEqualTo(expected(first));
            List<String> second = words(70);
            sendWords(topic, second);
            List<String> all = new ArrayList<>(first);
            all.addAll(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> counts(again).local().equals(expected(all)));
            assertThat(get(w2.webPort(), "/table/counts/apple")).isEqualTo(expected(all).get("apple").toString());
            assertThat(get(w2.webPort(), "/table/counts/nothing")).isEqualTo("0");
            assertThat(get(w2.webPort(), "/table/")).contains(id + "-counts-changelog");
        } finally {
            Workers.stop(w2, StopMode.WARM);
        }
    }

    @Test
    void aDeletedLocalStoreIsRebuiltFromTheChangelog() throws Exception {
        String id = EmbeddedKafka.uniqueName("wcdel");
        String topic = id + "-words";
        List<String> ws = words(200);
        countThenStop(id, topic, 2, ws);

        Path tables = tmp.resolve("w").resolve("v1").resolve("tables");
        assertThat(tables).isDirectory();
        try (var files = Files.walk(tables)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        App again = wordCount(id, topic);
        Worker w2 = Workers.start(again, tmp.resolve("w"), Map.of());
        try {
            assertThat(counts(again).local()).isEqualTo(expected(ws));
            long changelog = Kafka.size(id + "-counts-changelog");
            assertThat(changelog).as("updates between commits are written once").isBetween(7L, 200L);
            assertThat(w2.tableRecordsRecovered()).as("the whole changelog was read").isEqualTo(changelog);
        } finally {
            Workers.stop(w2, StopMode.WARM);
        }
    }

    @Test
    void withStandbysTheOtherWorkerTakesOverQuicklyAndServesTheCounts() throws Exception {
        String id = EmbeddedKafka.uniqueName("wcsb");
        String topic = id + "-words";
        Kafka.createTopic(topic, 4);
        App a = wordCount(id, topic);
        App b = wordCount(id, topic);
        Map<Setting, String> web = Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0");
        Worker wa = Workers.start(a, tmp.resolve("a"), web);
        Worker wb = Workers.start(b, tmp.resolve("b"), web);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> wa.assignment().size() == 2 && wb.assignment().size() == 2
                    && wa.ready() && wb.ready());
            List<String> ws = words(400);
            sendWords(topic, ws);
            Map<String, Long> want = expected(ws);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, Long> merged = new HashMap<>(counts(a).local());
                merged.putAll(counts(b).local());
                return merged.equals(want);
            });
            // Either worker answers for any word (the other one forwards the request to the owner).
            for (String word : want.keySet()) {
                assertThat(get(wa.webPort(), "/table/counts/" + word)).isEqualTo(want.get(word).toString());
                assertThat(get(wb.webPort(), "/table/counts/" + word)).isEqualTo(want.get(word).toString());
            }
            List<Integer> ofA = wa.assignment().stream()
                    .map(tp -> tp.partition()).toList();
            await("b's standbys caught up").atMost(Duration.ofSeconds(30))
                    .until(() -> wb.tableRecordsRecovered() >= Kafka.size(id + "-counts-changelog", ofA));
            long recoveredBefore = wb.tableRecordsRecovered();
            long t0 = System.nanoTime();
            assertThat(Workers.stop(wa, StopMode.COLD)).isEqualTo(ExitCodes.COLD);
            await().atMost(Duration.ofSeconds(60)).until(() -> wb.assignment().size() == 4 && wb.ready());
            long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(counts(b).local()).isEqualTo(want);
            assertThat(wb.tableRecordsRecovered() - recoveredBefore)
                    .as("the standby had the data: the takeover read only the last few records").isLessThan(50);
            for (String word : want.keySet()) {
                assertThat(get(wb.webPort(), "/table/counts/" + word)).isEqualTo(want.get(word).toString());
            }
            System.out.println("standby takeover took " + takeoverMs + " ms");
        } finally {
            Workers.stop(wb, StopMode.WARM);
        }
    }

    @Test
    void aLocalStoreAheadOfItsChangelogIsRebuiltWithAWarningNotACrash() throws Exception {
        String id = EmbeddedKafka.uniqueName("wcahead");
        String topic = id + "-words";
        List<String> ws = words(50);
        countThenStop(id, topic, 1, ws);
        Path tables = tmp.resolve("w").resolve("v1").resolve("tables");
        try (faust.stores.StoreFactory f = faust.stores.Stores.of("rocksdb://", tables);
             faust.stores.PartitionStore s = f.open("counts", 0)) {
            s.put("\"apple\"".getBytes(StandardCharsets.UTF_8), "999".getBytes(StandardCharsets.UTF_8));
            s.setAppliedOffset(1_000_000);
        }
        App again = wordCount(id, topic);
        Worker w2 = Workers.start(again, tmp.resolve("w"), Map.of());
        try {
            assertThat(counts(again).local()).as("rebuilt from the changelog").isEqualTo(expected(ws));
            assertThat(w2.tableRecordsRecovered()).isEqualTo(Kafka.size(id + "-counts-changelog"));
        } finally {
            Workers.stop(w2, StopMode.WARM);
        }
    }

    @Test
    void aGlobalTableIsHeldWholeByEveryWorker() throws Exception {
        String id = EmbeddedKafka.uniqueName("glob");
        String topic = id + "-in";
        Kafka.createTopic(topic, 2);
        java.util.function.Supplier<App> make = () -> {
            App app = App.create(id);
            Table<String, String> latest = app.globalTable("latest", String.class, String.class, o -> { });
            app.agent(app.topic(topic, String.class, String.class, t -> t.valueCodec("string")), stream -> {
                for (Event<String, String> e : stream.events()) {
                    latest.put(e.key(), e.value());
                }
            });
            return app;
        };
        App a = make.get();
        App b = make.get();
        Worker wa = Workers.start(a, tmp.resolve("a"), Map.of());
        Worker wb = Workers.start(b, tmp.resolve("b"), Map.of());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> wa.assignment().size() == 1 && wb.assignment().size() == 1);
            sendWords(topic, List.of("k1", "k2", "k3", "k4", "k5", "k6"));
            Map<String, String> want = Map.of("k1", "k1", "k2", "k2", "k3", "k3", "k4", "k4", "k5", "k5", "k6", "k6");
            await().atMost(Duration.ofSeconds(30)).until(() -> a.tables().get(0).local().equals(want)
                    && b.tables().get(0).local().equals(want));
        } finally {
            Workers.stop(wa, StopMode.WARM);
            Workers.stop(wb, StopMode.WARM);
        }
    }

    @Test
    void aTableWhoseSourcesHaveDifferentPartitionCountsIsAClearError() throws Exception {
        String id = EmbeddedKafka.uniqueName("wcbad");
        Kafka.createTopic(id + "-a", 2);
        Kafka.createTopic(id + "-b", 3);
        App app = App.create(id);
        Table<String, Long> t = app.table("t", String.class, Long.class, o -> o.defaultValue(0L));
        app.agent(app.topic(id + "-a"), s -> { });
        app.agent(app.topic(id + "-b"), s -> { });
        assertThatThrownBy(() -> Workers.start(app, tmp.resolve("x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(id + "-a (2)")
                .hasMessageContaining(id + "-b (3)");
        assertThat(t.name()).isEqualTo("t");
        assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
