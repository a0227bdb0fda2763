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
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person watching a worker sees: {@code /metrics} moving while a load runs (per-agent events, per-partition
 * lag that grows while the agent is held back and falls back to 0, commit latency), the Monitor fields in
 * {@code GET /}, and the dashboard's JSON.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private String get(Worker w, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.webPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return r.body();
    }

    /** @return the value of the first sample of this metric whose labels contain all of {@code labels} */
    private static double sample(String scrape, String metric, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)} ([^ \\n]+)").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void metricsMoveWhileALoadRunsAndLagFallsBackWhenTheAgentCatchesUp() throws Exception {
        String id = EmbeddedKafka.uniqueName("metrics");
        String in = id + "-relay";
        String out = id + "-out";
        Kafka.createTopic(in, 2);
        Kafka.createTopic(out, 2);
        CountDownLatch release = new CountDownLatch(1);
        App app = App.create(id);
        Topic<byte[], Object> output = app.topic(out);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        app.agent("relay", stream -> {
            for (faust.Event<byte[], Object> e : stream.events()) {
                release.await(60, TimeUnit.SECONDS);
                String v = String.valueOf(e.value());
                counts.update(v.substring(0, 1), n -> n + 1);
                output.send(v);
                if (v.startsWith("bad")) {
                    throw new IllegalArgumentException("a bad value: " + v);
                }
            }
        });
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.WEB_PORT, "0", Setting.WEB_ENABLED, "true",
                Setting.STORE, "memory://"));
        try {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                values.add((i % 2 == 0 ? "a" : "b") + i);
            }
            values.add("bad!");
            Kafka.sendJsonStrings(in, 0, values.subList(0, 200));
            Kafka.sendJsonStrings(in, 1, values.subList(200, values.size()));

            // Held back: the messages wait, so the lag shows them (about once a second).
            await("lag of " + in + " while the agent is held").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String m = get(w, "/metrics");
                assertThat(sample(m, "faust_consumer_lag", "topic=\"" + in + "\"", "partition=\"0\""))
                        .isEqualTo(200.0);
                assertThat(sample(m, "faust_consumer_lag", "topic=\"" + in + "\"", "partition=\"1\""))
                        .isEqualTo(201.0);
                assertThat(sample(m, "faust_consumer_end_offset", "topic=\"" + in + "\"", "partition=\"1\""))
                        .isEqualTo(201.0);
                assertThat(sample(m, "faust_agent_events_active", "agent=\"relay\"")).isEqualTo(1.0);
            });
            release.countDown();

            await("every event counted, lag back to 0").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String m = get(w, "/metrics");
                assertThat(sample(m, "faust_agent_events_total", "agent=\"relay\"")).isEqualTo(401.0);
                assertThat(sample(m, "faust_messages_received_total", "topic=\"" + in + "\"", "partition=\"0\""))
                        .isEqualTo(200.0);
                assertThat(sample(m, "faust_messages_acked_total", "topic=\"" + in + "\"", "partition=\"1\""))
                        .isEqualTo(201.0);
                assertThat(sample(m, "faust_consumer_committed_offset", "topic=\"" + in + "\"", "partition=\"1\""))
                        .isEqualTo(201.0);
                assertThat(sample(m, "faust_consumer_lag", "topic=\"" + in + "\"", "partition=\"0\"")).isZero();
                assertThat(sample(m, "faust_consumer_lag", "topic=\"" + in + "\"", "partition=\"1\"")).isZero();
                assertThat(sample(m, "faust_commit_latency_seconds_count")).isGreaterThan(0);
                assertThat(sample(m, "faust_messages_sent_total", "topic=\"" + out + "\"")).isEqualTo(401.0);
                assertThat(sample(m, "faust_agent_errors_total", "agent=\"relay\"")).isEqualTo(1.0);
                assertThat(sample(m, "faust_dead_letters_total")).isEqualTo(1.0);
                assertThat(sample(m, "faust_agent_event_duration_seconds_count", "agent=\"relay\""))
                        .isGreaterThan(0);
                assertThat(sample(m, "faust_table_keys", "table=\"counts\"")).as("a and b in each partition").isEqualTo(4.0);
                assertThat(sample(m, "faust_worker_state", "state=\"running\"")).isEqualTo(1.0);
                assertThat(sample(m, "faust_worker_ready")).isEqualTo(1.0);
                assertThat(sample(m, "faust_worker_leader")).as("the only worker is the leader").isEqualTo(1.0);
                assertThat(m).contains("jvm_memory_used_bytes").contains("app=\"" + id + "\"");
            });

            JsonNode status = JSON.readTree(get(w, "/"));
            JsonNode monitor = status.path("monitor");
            assertThat(monitor.path("messages_received_total").asLong()).isEqualTo(401);
            assertThat(monitor.path("events_total").asLong()).isEqualTo(401);
            assertThat(monitor.path("events_by_stream").path("relay").asLong()).isEqualTo(401);
            assertThat(monitor.path("messages_sent_by_topic").path(out).asLong()).isEqualTo(401);
            assertThat(monitor.path("lag_total").asLong()).isZero();
            assertThat(monitor.path("topic_committed_offsets").path(in + "-1").asLong()).isEqualTo(201);
            assertThat(monitor.path("tables").path("counts").path("keys").asLong()).isEqualTo(4);
            assertThat(monitor.path("dead_letters").asLong()).isEqualTo(1);

            await("the dashboard's history shows the throughput").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode d = JSON.readTree(get(w, "/dashboard/api/worker/60"));
                JsonNode s = d.path("sensors");
                assertThat(s.path("agents").get(0).path("name").asText()).isEqualTo("relay");
                assertThat(s.path("agents").get(0).path("events").asLong()).isEqualTo(401);
                assertThat(s.path("partitions")).hasSize(2);
                assertThat(s.path("errors").get(0).path("error").asText()).contains("a bad value: bad!");
                assertThat(s.path("errors").get(0).path("action").asText()).isEqualTo("dead_letter");
                double peak = 0;
                for (JsonNode v : s.path("history").path("agents_events_s").path("relay")) {
                    peak = Math.max(peak, v.asDouble());
                }
                assertThat(peak).as("events/s of relay in the history").isGreaterThan(0);
                assertThat(s.path("history").path("t").size()).isGreaterThan(1);
            });
        } finally {
            release.countDown();
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void withMetricsOffTheWorkerStillRunsAndSaysWhereMetricsWent() throws Exception {
        String id = EmbeddedKafka.uniqueName("nometrics");
        String in = id + "-relay";
        Kafka.createTopic(in, 1);
        App app = App.create(id);
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        app.agent("relay", stream -> {
            for (Object v : stream) {
                seen.add(v);
            }
        });
        Worker w = Workers.start(app, tmp.resolve("off"), Map.of(Setting.WEB_PORT, "0", Setting.WEB_ENABLED, "true",
                Setting.STORE, "memory://", Setting.METRICS_ENABLED, "false"));
        try {
            Kafka.sendJsonStrings(in, 0, List.of("x", "y"));
            await("the agent runs without sensors").atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 2);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + w.webPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(metrics.body()).path("error").asText()).contains("metrics_enabled=true");
            assertThat(JSON.readTree(get(w, "/")).has("monitor")).as("no Monitor fields in GET /").isFalse();
            JsonNode d = JSON.readTree(get(w, "/dashboard/api/worker/5"));
            assertThat(d.path("metrics_enabled").asBoolean(true)).isFalse();
            assertThat(d.has("sensors")).isFalse();
            assertThat(get(w, "/dashboard")).contains("dashboard.js");
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }
}
