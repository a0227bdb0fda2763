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
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * Beyond one machine (issue 16): two workers, each listening on its own address (the loopback aliases
 * 127.0.0.2 and 127.0.0.3 stand for two hosts) and announcing it as its {@code web_host}. {@code /table}
 * asked on either one answers every key: a key held by the other worker is fetched from the address that
 * worker announced (the one it is reachable on; nothing listens on the other address's port).
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrossHostIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private static App app(String id, String topic) {
        App app = App.create(id);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        app.agent(app.topic(topic, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
            }
        });
        return app;
    }

    private static Map<Setting, String> host(String address) {
        return Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0", Setting.WEB_BIND, address,
                Setting.WEB_HOST, address);
    }

    @Test
    void tableLookupsAreForwardedToTheHostTheOwnerAnnounced() throws Exception {
        String id = EmbeddedKafka.uniqueName("hosts");
        String topic = id + "-words";
        Kafka.createTopic(topic, 4);
        App a = app(id, topic);
        App b = app(id, topic);
        Worker wa = Workers.start(a, tmp.resolve("a"), host("127.0.0.2"));
        Worker wb = Workers.start(b, tmp.resolve("b"), host("127.0.0.3"));
        try {
            await("partitions split").atMost(Duration.ofSeconds(60)).until(() -> wa.assignment().size() == 2
                    && wb.assignment().size() == 2 && wa.ready() && wb.ready());
            List<String> words = List.of("ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen");
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", Kafka.servers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < words.size(); i++) {
                    for (int n = 0; n <= i; n++) {
                        p.send(new ProducerRecord<>(topic, words.get(i), words.get(i))).get();
                    }
                }
            }
            @SuppressWarnings("unchecked")
            Table<String, Long> countsA = (Table<String, Long>) a.tables().get(0);
            @SuppressWarnings("unchecked")
            Table<String, Long> countsB = (Table<String, Long>) b.tables().get(0);
            await("counted").atMost(Duration.ofSeconds(30)).until(() -> countsA.local().values().stream()
                    .mapToLong(Long::longValue).sum() + countsB.local().values().stream().mapToLong(Long::longValue)
                    .sum() == 36);
            assertThat(countsA.local()).as("both workers own keys").isNotEmpty();
            assertThat(countsB.local()).isNotEmpty();

            // each worker answers on its own host only
            assertThat(reachable("127.0.0.3", wa.webPort())).as("a is not on b's host").isFalse();
            assertThat(reachable("127.0.0.2", wb.webPort())).as("b is not on a's host").isFalse();

            int forwarded = 0;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                boolean onA = countsA.local().containsKey(w);
                String ownerUrl = onA ? "http://127.0.0.2:" + wa.webPort() : "http://127.0.0.3:" + wb.webPort();
                for (Worker asked : List.of(wa, wb)) {
                    String self = asked == wa ? "127.0.0.2" : "127.0.0.3";
                    HttpResponse<String> r = get(self, asked.webPort(), "/table/counts/" + w);
                    assertThat(r.statusCode()).as("%s asked on %s: %s", w, self, r.body()).isEqualTo(200);
                    assertThat(JSON.readTree(r.body()).asLong()).as("%s asked on %s", w, self).isEqualTo(i + 1);
                    JsonNode route = JSON.readTree(get(self, asked.webPort(), "/router/counts/" + w).body());
                    assertThat(route.path("owner").asText()).as("owner of %s as %s sees it", w, self)
                            .isEqualTo(ownerUrl);
                    if ((asked == wa) != onA) {
                        forwarded++;
                    }
                }
            }
            assertThat(forwarded).as("lookups answered through the other host").isEqualTo(words.size());
        } finally {
            Workers.stop(wa, StopMode.WARM);
            Workers.stop(wb, StopMode.WARM);
        }
    }

    private static boolean reachable(String address, int port) throws Exception {
        try {
            get(address, port, "/health");
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String address, int port, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
