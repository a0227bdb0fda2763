package faust.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faust.App;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.Table;
import faust.devbroker.junit.EmbeddedKafka;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** User pages on two workers: JSON in and out, errors as JSON, and tableRoute forwarding to the key's owner. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    /** An order, read from and written as JSON. */
    public record Order(String id, int quantity) {
    }

    private static App app(String id, String topic, String name) {
        App app = App.create(id);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        app.agent(app.topic(topic, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
            }
        });
        app.page("/counts/{word}", app.tableRoute(counts, "word",
                r -> Map.of("word", r.pathParam("word"), "count", counts.get(r.pathParam("word")), "served_by", name)));
        app.page("/count", app.tableRoute(counts, "word",
                r -> Map.of("count", counts.get(r.queryParam("word")), "served_by", name)));
        app.page("/orders/{id}", new View() {
            @Override
            public Object post(Request r) {
                Order o = r.json(Order.class);
                return new Order(r.pathParam("id"), o.quantity() * 2);
            }

            @Override
            public Object put(Request r) {
                return Response.json(201, Map.of("created", r.pathParam("id")));
            }

            @Override
            public Object delete(Request r) {
                return null;
            }
        });
        app.page("/fail", r -> {
            throw new IllegalStateException("something broke");
        });
        app.page("/missing", r -> {
            throw new HttpError(404, "no such thing");
        });
        app.blueprint("/api", new Blueprint().page("/ping", r -> Response.text(200, "pong " + name)));
        return app;
    }

    @Test
    void pagesAnswerJsonAndARoutedPageIsAnsweredByTheKeysOwnerWhicheverWorkerIsAsked() throws Exception {
        String id = EmbeddedKafka.uniqueName("pages");
        String topic = id + "-words";
        Kafka.createTopic(topic, 4);
        App a = app(id, topic, "a");
        App b = app(id, topic, "b");
        Map<Setting, String> web = Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0");
        Worker wa = Workers.start(a, tmp.resolve("a"), web);
        Worker wb = Workers.start(b, tmp.resolve("b"), web);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> wa.assignment().size() == 2
                    && wb.assignment().size() == 2 && wa.ready() && wb.ready());
            List<String> words = List.of("ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen");
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", Kafka.servers()),
                    new StringSerializer(), new StringSerializer())) {
                for (String w : words) {
                    p.send(new ProducerRecord<>(topic, w, w)).get();
                }
            }
            @SuppressWarnings("unchecked")
            Table<String, Long> countsA = (Table<String, Long>) a.tables().get(0);
            @SuppressWarnings("unchecked")
            Table<String, Long> countsB = (Table<String, Long>) b.tables().get(0);
            await("counted").atMost(Duration.ofSeconds(30))
                    .until(() -> countsA.local().size() + countsB.local().size() == words.size());
            assertThat(countsA.local()).as("both workers own keys").isNotEmpty();
            assertThat(countsB.local()).isNotEmpty();

            for (String w : words) {
                String owner = countsA.local().containsKey(w) ? "a" : "b";
                for (Worker asked : List.of(wa, wb)) {
                    HttpResponse<String> r = send(asked, "GET", "/counts/" + w, null);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    JsonNode body = JSON.readTree(r.body());
                    assertThat(body.get("count").asLong()).isEqualTo(1);
                    assertThat(body.get("served_by").asText()).as("%s asked on %s", w, asked == wa ? "a" : "b")
                            .isEqualTo(owner);
                    JsonNode q = JSON.readTree(send(asked, "GET", "/count?word=" + w, null).body());
                    assertThat(q.get("served_by").asText()).isEqualTo(owner);
                }
            }

            HttpResponse<String> posted = send(wa, "POST", "/orders/o1", "{\"id\":\"x\",\"quantity\":3}");
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(posted.body())).isEqualTo(JSON.readTree("{\"id\":\"o1\",\"quantity\":6}"));
            assertThat(posted.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(send(wa, "PUT", "/orders/o2", "").statusCode()).isEqualTo(201);
            assertThat(send(wa, "DELETE", "/orders/o2", null).statusCode()).isEqualTo(204);
            assertError(send(wa, "GET", "/orders/o2", null), 405, "GET is not allowed on /orders/o2");
            assertError(send(wa, "POST", "/orders/o3", "{not json"), 400, "not a valid Order");
            assertError(send(wa, "POST", "/orders/o3", ""), 400, "no body");
            assertError(send(wa, "GET", "/missing", null), 404, "no such thing");
            HttpResponse<String> failed = send(wb, "GET", "/fail", null);
            assertError(failed, 500, "something broke");
            assertThat(failed.body()).as("no stack trace in a response").doesNotContain("at faust.")
                    .doesNotContain("java.lang.").doesNotContain("\tat ");
            HttpResponse<String> pong = send(wb, "GET", "/api/ping", null);
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.body()).isEqualTo("pong b");
        } finally {
            Workers.stop(wa, StopMode.WARM);
            Workers.stop(wb, StopMode.WARM);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains(message);
    }

    private static HttpResponse<String> send(Worker w, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.webPort() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
