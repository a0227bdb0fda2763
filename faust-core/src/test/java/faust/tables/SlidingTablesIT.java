package faust.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.WindowedTable;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.StreamsSlidingWindows;
import faust.testing.StreamsSlidingWindows.Rec;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sliding windows through the broker: a worker counts out-of-order records into a sliding windowed table, stops;
 * a second worker with an empty datadir recovers the table from the changelog (the newest record time of each
 * window comes back from the record headers), takes more out-of-order records, and holds exactly the windows and
 * counts Kafka Streams' sliding windows give for the whole sequence — under both processing guarantees (under
 * exactly-once the changelog records and their headers go through the transaction).
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlidingTablesIT {
    private static final long BASE = 1_796_178_230_000L;
    private static final Duration D = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    /** The app under test and its table. */
    private record Counting(App app, WindowedTable<String, Long> counts) {
    }

    private static Counting app(String id, String topic) {
        App app = App.create(id);
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .sliding(D, GRACE);
        app.agent(app.topic(topic, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
            }
        });
        return new Counting(app, counts);
    }

    /** The app's windows as Streams names them. */
    private static Map<String, Long> windows(Counting c) {
        Map<String, Long> out = new TreeMap<>();
        c.counts.local().forEach((w, v) -> out.put(StreamsSlidingWindows.name(w.key(), w.window().start().toEpochMilli(),
                w.window().end().toEpochMilli() - 1, BASE), v));
        return out;
    }

    private static void send(String topic, List<Rec> records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Kafka.servers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Rec r : records) {
                producer.send(new ProducerRecord<>(topic, 0, r.ts(), r.key(), "view"));
            }
            producer.flush();
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body().replaceAll("\\s+", "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at_least_once", "exactly_once"})
    void aWorkerRecoveringFromTheChangelogGoesOnWithKafkaStreamsWindows(String guarantee) throws Exception {
        String id = EmbeddedKafka.uniqueName("slide");
        String topic = id + "-views";
        Kafka.createTopic(topic, 1);
        List<Rec> records = StreamsSlidingWindows.random(5, 120, BASE);
        List<Rec> first = records.subList(0, 60);
        send(topic, first);
        Counting app = app(id, topic);
        // no sweep during the test: every window Streams made stays to be compared
        Worker w = Workers.start(app.app, tmp.resolve("w1"), Map.of(Setting.TABLE_CLEANUP_INTERVAL, "3600",
                Setting.PROCESSING_GUARANTEE, guarantee));
        Map<String, Long> half = StreamsSlidingWindows.run(first, D, GRACE, BASE).get("count");
        await().atMost(Duration.ofSeconds(30)).until(() -> windows(app).equals(half));
        assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);

        Counting again = app(id, topic);
        Worker w2 = Workers.start(again.app, tmp.resolve("w2"), Map.of(Setting.WEB_ENABLED, "true",
                Setting.WEB_PORT, "0", Setting.TABLE_CLEANUP_INTERVAL, "3600", Setting.PROCESSING_GUARANTEE, guarantee));
        try {
            assertThat(w2.tableRecordsRecovered()).as("recovered from the changelog").isPositive();
            assertThat(windows(again)).isEqualTo(half);
            send(topic, records.subList(60, records.size()));
            Map<String, Long> all = StreamsSlidingWindows.run(records, D, GRACE, BASE).get("count");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(windows(again)).isEqualTo(all));
            String a = get(w2.webPort(), "/table/counts/a");
            long windowsOfA = all.keySet().stream().filter(k -> k.startsWith("a@")).count();
            assertThat(a.split("\"start\"")).as(a).hasSize((int) windowsOfA + 1);
        } finally {
            Workers.stop(w2, StopMode.WARM);
        }
    }
}
