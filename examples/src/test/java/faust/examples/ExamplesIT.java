package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.devbroker.junit.EmbeddedKafka;
import faust.spi.Apps;
import faust.worker.Worker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The example apps run as written against the embedded broker and print what they receive. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExamplesIT {
    @TempDir
    Path tmp;

    private static App appOf(String className) throws ReflectiveOperationException {
        return (App) Class.forName(className).getField("app").get(null);
    }

    private Worker start(App app) {
        return start(app, Map.of());
    }

    private Worker start(App app, Map<Setting, Settings.Flag> extra) {
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BROKER, new Settings.Flag("--broker", "kafka://" + EmbeddedKafka.bootstrapServers()));
        flags.put(Setting.DATADIR, new Settings.Flag("--datadir", tmp.resolve(app.id()).toString()));
        flags.put(Setting.WEB_ENABLED, new Settings.Flag("--without-web", "false"));
        flags.put(Setting.TOPIC_PARTITIONS, new Settings.Flag("test", "1"));
        flags.putAll(extra);
        Apps.configure(app, Map.of(), flags);
        Worker w = new Worker(app, Worker.Options.defaults());
        w.start(b -> { });
        await().atMost(Duration.ofSeconds(60)).until(w::ready);
        return w;
    }

    @Test
    void helloPrintsTheGreetingsItsTimerSends() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Worker w = null;
        try {
            w = start(appOf("hello"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> captured.toString(StandardCharsets.UTF_8).contains("greet received: hello #2"));
        } finally {
            System.setOut(original);
            if (w != null) {
                w.stop(StopMode.WARM);
                assertThat(w.awaitTermination(Duration.ofSeconds(60))).isZero();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void wordcountSplitsUnkeyedSentencesRekeysTheWordsAndServesExactCountsOverHttp() throws Exception {
        App app = appOf("wordcount");
        Map<Setting, Settings.Flag> web = Map.of(Setting.WEB_ENABLED, new Settings.Flag("test", "true"),
                Setting.WEB_PORT, new Settings.Flag("test", "0"));
        Worker w = start(app, web);
        try {
            var sentences = (faust.Topic<String, String>) app.topics().stream()
                    .filter(t -> t.name().equals("sentences")).findFirst().orElseThrow();
            for (String s : List.of("The cat saw the dog.", "The dog saw a bird!", "Birds sing")) {
                sentences.send(null, s).get(); // no key: any worker may get any sentence
            }
            var counts = (faust.Table<String, Long>) app.tables().get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> counts.local().getOrDefault("the", 0L) == 3L
                    && counts.local().getOrDefault("sing", 0L) == 1L);
            var http = java.net.http.HttpClient.newHttpClient();
            for (var e : Map.of("the", "3", "dog", "2", "saw", "2", "birds", "1", "parrot", "0").entrySet()) {
                var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + w.webPort() + "/table/word_counts/" + e.getKey())).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(resp.statusCode()).isEqualTo(200);
                assertThat(resp.body()).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(w.assignment()).extracting(faust.TopicPartition::topic)
                    .as("the worker reads the repartition topic: <agent>-<source topic>-<name>-repartition")
                    .contains("sentences-sentences-word-repartition");
        } finally {
            w.stop(StopMode.WARM);
            assertThat(w.awaitTermination(Duration.ofSeconds(60))).isZero();
        }
    }

    @Test
    void projPrintsEveryValueSentToProjProcess() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        App app = appOf("proj");
        Worker w = null;
        try {
            w = start(app);
            var topic = app.topic("proj-process");
            topic.send("hello").get();
            topic.send(java.util.List.of(1, 2)).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String out = captured.toString(StandardCharsets.UTF_8);
                return out.contains("hello") && out.contains("[1, 2]");
            });
        } finally {
            System.setOut(original);
            if (w != null) {
                w.stop(StopMode.WARM);
                assertThat(w.awaitTermination(Duration.ofSeconds(60))).isZero();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pageviewsCountsTheViewsItsCommandSendsAndServesThemWithItsLeaderOnlyReport() throws Exception {
        App app = appOf("pageviews");
        Map<Setting, Settings.Flag> web = Map.of(Setting.WEB_ENABLED, new Settings.Flag("test", "true"),
                Setting.WEB_PORT, new Settings.Flag("test", "0"));
        Worker w = start(app, web);
        try {
            await("the only worker leads").atMost(Duration.ofSeconds(30)).until(app::isLeader);
            faust.Command produce = app.commands().stream().filter(c -> c.name().equals("produce")).findFirst()
                    .orElseThrow();
            java.io.StringWriter out = new java.io.StringWriter();
            Map<String, String> values = Map.of("--count", "6", "--pages", "2");
            produce.handler().run(new faust.Command.Args() {
                @Override
                public String get(String name) {
                    return values.get(name);
                }

                @Override
                public int integer(String name) {
                    return Integer.parseInt(values.get(name));
                }

                @Override
                public boolean flag(String name) {
                    return false;
                }

                @Override
                public java.io.PrintWriter out() {
                    return new java.io.PrintWriter(out, true);
                }
            });
            assertThat(out.toString()).contains("sent 6 views to pageviews-views");
            var counts = (faust.Table<String, Long>) app.tables().get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> counts.local().getOrDefault("page-1", 0L) == 3L);
            var http = java.net.http.HttpClient.newHttpClient();
            var resp = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + w.webPort() + "/views/page-1")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(200);
            assertThat(resp.body()).contains("\"views\":3").contains("\"page\":\"page-1\"");
            assertThat(app.schedules()).singleElement().isInstanceOfSatisfying(faust.Crontab.class, c -> {
                assertThat(c.expression()).isEqualTo("* * * * *");
                assertThat(c.onLeader()).isTrue();
            });
        } finally {
            w.stop(StopMode.WARM);
            assertThat(w.awaitTermination(Duration.ofSeconds(60))).isZero();
        }
    }

    private static void sendAt(String topic, String key, long timestamp) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", EmbeddedKafka.bootstrapServers());
        p.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, timestamp, key,
                    "\"user\"")).get();
        }
    }

    private static String httpGet(int port, String path) throws Exception {
        var resp = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(path + " -> " + resp.body()).isEqualTo(200);
        return resp.body().replaceAll("\\s+", ""); // the pages pretty-print their JSON
    }

    /**
     * Issue 11 acceptance: per-minute windows served over HTTP and kept across TERM + restart; a window past
     * its expires, stored while no sweep ran, is removed (tombstoned, reported once) by the restarted worker.
     */
    @Test
    void windowedviewsCountsViewsPerMinuteKeepsThemAcrossARestartAndDropsExpiredWindows() throws Exception {
        App app = appOf("windowedviews");
        Map<Setting, Settings.Flag> noSweep = Map.of(Setting.WEB_ENABLED, new Settings.Flag("test", "true"),
                Setting.WEB_PORT, new Settings.Flag("test", "0"),
                Setting.TABLE_CLEANUP_INTERVAL, new Settings.Flag("test", "3600"));
        Map<Setting, Settings.Flag> sweep = Map.of(Setting.WEB_ENABLED, new Settings.Flag("test", "true"),
                Setting.WEB_PORT, new Settings.Flag("test", "0"),
                Setting.TABLE_CLEANUP_INTERVAL, new Settings.Flag("test", "0.5"));
        AtomicInteger closed = (AtomicInteger) Class.forName("windowedviews").getField("closed").get(null);
        long minute = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L - 120_000L; // two minutes ago
        String expected = "[{\"start\":\"" + java.time.Instant.ofEpochMilli(minute) + "\",\"end\":\""
                + java.time.Instant.ofEpochMilli(minute + 60_000) + "\",\"value\":2},{\"start\":\""
                + java.time.Instant.ofEpochMilli(minute + 60_000) + "\",\"end\":\""
                + java.time.Instant.ofEpochMilli(minute + 120_000) + "\",\"value\":1}]";
        long old = minute - 2 * 3_600_000L; // its window ended over an hour ago
        Worker w = start(app, noSweep);
        try {
            sendAt("windowedviews-views", "page-1", minute + 50_000);
            sendAt("windowedviews-views", "page-1", minute + 61_000);
            sendAt("windowedviews-views", "page-1", minute + 10_000); // late, within its window
            sendAt("windowedviews-views", "page-old", old);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(httpGet(w.webPort(), "/table/views-per-minute/page-1")).isEqualTo(expected));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(httpGet(w.webPort(), "/table/views-per-minute/page-old")).contains("\"value\":1"));
        } finally {
            w.stop(StopMode.WARM);
            assertThat(w.awaitTermination(Duration.ofSeconds(60))).isZero();
        }
        assertThat(closed.get()).as("no sweep ran").isZero();
        Worker again = start(app, sweep);
        try {
            assertThat(httpGet(again.webPort(), "/table/views-per-minute/page-1")).isEqualTo(expected);
            await("the window that expired while no sweep ran is closed").atMost(Duration.ofSeconds(30))
                    .until(() -> closed.get() == 1);
            assertThat(httpGet(again.webPort(), "/table/views-per-minute/page-old")).isEqualTo("[]");
            await("and reported once").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
                    .until(() -> closed.get() == 1);
        } finally {
            again.stop(StopMode.WARM);
            assertThat(again.awaitTermination(Duration.ofSeconds(60))).isZero();
        }
        String changelog = "windowedviews-views-per-minute-changelog";
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", EmbeddedKafka.bootstrapServers());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, changelog);
            var config = admin.describeConfigs(java.util.List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");
            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        }
        p.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        p.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        long seconds = minute / 1000;
        String page1 = "[\"page-1\",[" + seconds + ".0," + (seconds + 59) + ".9]]=2"; // end = start + size - 0.1
        java.util.function.Predicate<java.util.List<String>> done = rs -> rs.contains(page1)
                && rs.stream().anyMatch(r -> r.startsWith("[\"page-old\",[") && r.endsWith("]=null"));
        java.util.List<String> records = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p)) {
            var tp = new org.apache.kafka.common.TopicPartition(changelog, 0);
            consumer.assign(java.util.List.of(tp));
            consumer.seekToBeginning(java.util.List.of(tp));
            await("Faust's [key,[start,end]] changelog records").atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
                return done.test(records);
            });
        }
    }
}
