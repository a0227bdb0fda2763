package faust.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faust.App;
import faust.Setting;
import faust.StopMode;
import faust.Table;
import faust.Topic;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Chromium;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium, as a person would open it: three workers sharing 64 partitions
 * under a steady load; the page (served by one of them) loads without console errors, its charts receive data,
 * its partition map shows every assigned partition on the worker that holds it, and a screenshot is saved to
 * {@code target/dashboard-3-workers-64-partitions.png}.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 64;
    private static final int WIDTH = 1400;

    @TempDir
    Path tmp;

    @Test
    void theDashboardDrawsThreeWorkersAndTheirPartitionsLive() throws Exception {
        Chromium.executable(); // skips before starting anything when there is no browser
        String id = EmbeddedKafka.uniqueName("dash");
        String in = id + "-clicks";
        Kafka.createTopic(in, PARTITIONS);
        Kafka.createTopic(id + "-out", PARTITIONS);
        Map<Setting, String> settings = Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0",
                Setting.STORE, "memory://", Setting.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = Thread.ofPlatform().name("dashboard-load").start(() -> produce(in, loading));
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                workers.add(Workers.start(app(id), tmp.resolve("w" + i), settings));
            }
            await("64 partitions spread over the 3 workers").atMost(Duration.ofSeconds(90)).until(() ->
                    workers.stream().allMatch(w -> w.ready() && !w.assignment().isEmpty())
                            && workers.stream().mapToInt(w -> w.assignment().size()).sum() == PARTITIONS);
            System.err.println("DashboardIT: group settled " + java.time.LocalTime.now());
            try (Chromium browser = Chromium.start(tmp.resolve("chromium"), WIDTH, 1000)) {
                System.err.println("DashboardIT: browser started " + java.time.LocalTime.now());
                browser.open("http://127.0.0.1:" + workers.get(0).webPort() + "/dashboard");
                await("the page drew 3 workers, 64 partitions and live throughput").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            assertThat(browser.eval("window.faustDashboard ? faustDashboard.polls : 0").asInt())
                                    .isGreaterThanOrEqualTo(5);
                            assertThat(browser.eval("document.querySelectorAll('.worker:not(.down)').length").asInt())
                                    .isEqualTo(3);
                            assertThat(browser.eval("document.querySelectorAll('.cell[data-owner]').length").asInt())
                                    .isEqualTo(PARTITIONS);
                            assertThat(browser.eval("Math.max.apply(null, faustDashboard.charts['chart-agents'].data[1]"
                                    + ".filter(v => v !== null))").asDouble()).as("events/s drawn").isGreaterThan(0);
                            assertThat(browser.eval("faustDashboard.charts['chart-workers'].data.length").asInt())
                                    .as("one series per worker").isEqualTo(4);
                            assertThat(browser.eval("faustDashboard.charts['chart-lag-partitions'].data[0].length")
                                    .asInt()).isEqualTo(PARTITIONS);
                            assertThat(browser.eval("document.querySelectorAll('.chip').length").asInt())
                                    .as("standby copies (table_standby_replicas=1)").isEqualTo(PARTITIONS);
                        });
                System.err.println("DashboardIT: page drawn " + java.time.LocalTime.now());
                // The map shows each partition on the worker that holds it (as the workers say at GET /; the
                // assignment is stable now that the group settled).
                Map<String, String> shown = new HashMap<>();
                for (JsonNode c : browser.eval("Array.from(document.querySelectorAll('.cell[data-owner]')).map(c =>"
                        + " ({tp: c.dataset.topic + '-' + c.dataset.partition, owner: c.dataset.owner}))")) {
                    shown.put(c.path("tp").asText(), c.path("owner").asText());
                }
                Set<String> owners = new HashSet<>(shown.values());
                assertThat(owners).hasSize(3);
                for (Worker w : workers) {
                    JsonNode status = JSON.readTree(get("http://127.0.0.1:" + w.webPort() + "/"));
                    String url = "http://127.0.0.1:" + w.webPort();
                    for (JsonNode tp : status.path("assignment")) {
                        assertThat(shown.get(tp.asText())).as("owner of " + tp.asText() + " on the map").isEqualTo(url);
                    }
                }
                Path shot = Path.of("target", "dashboard-3-workers-64-partitions.png");
                browser.screenshot(shot, WIDTH);
                assertThat(shot).isNotEmptyFile();
                assertThat(browser.eval("document.getElementById('errors').textContent").asText())
                        .as("recent errors").isEqualTo("none");
                assertThat(browser.consoleErrors()).as("console errors of the dashboard").isEmpty();
            }
        } finally {
            loading.set(false);
            load.join(10_000);
            workers.forEach(w -> w.stop(StopMode.WARM)); // all at once: no rebalance between them
            for (Worker w : workers) {
                Workers.stop(w, StopMode.WARM);
            }
        }
    }

    /** One app object per worker: an app's tables belong to the one worker running it. */
    private static App app(String id) {
        App app = App.create(id);
        Topic<byte[], Object> out = app.topic(id + "-out");
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        app.agent("clicks", stream -> {
            for (Object v : stream) {
                counts.update(String.valueOf(v), n -> n + 1);
                out.send(v);
            }
        });
        return app;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** About 2,000 records a second, for at most 3 minutes, until told to stop. */
    private static void produce(String topic, AtomicBoolean loading) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.servers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            while (loading.get() && System.nanoTime() < end) {
                for (int i = 0; i < 100; i++, n++) {
                    byte[] key = ("user-" + (n % 500)).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, key, ("\"page-" + (n % 40) + "\"")
                            .getBytes(StandardCharsets.UTF_8)));
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
