package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.devbroker.junit.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * processing_guarantee=exactly_once through {@code bin/faust} (issue 13): workers of a pass-through + count app
 * are KILLed at random and restarted on their datadirs while events flow, or one is frozen (SIGSTOP) past the
 * session timeout and resumed (a zombie); the output read read_committed holds every input exactly once and the
 * count table's changelog (read_committed) ends at the exact counts. Short form in the suite; the long form
 * ({@code -Deos.long=true}: 200,000 events, a KILL every 4 s for 60 s) is run by hand (see docs/exactly-once.md).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ExactlyOnceChaosIT extends E2eTest {
    private static final int KEYS = 8;

    static final String SOURCE = """
            import faust.App;
            import faust.Event;
            import faust.Table;
            import faust.Topic;

            /** Exactly-once test app: each event goes to <id>-out unchanged and is counted by its key. */
            public class eosapp {
                static final String ID = System.getenv("E2E_APP_ID");
                public static final App app = App.create(ID);
                static final Topic<String, String> out = app.topic(ID + "-out", String.class, String.class);
                static final Table<String, Long> counts = app.table("counts", String.class, Long.class,
                        t -> t.defaultValue(0L));

                static {
                    app.agent(app.topic(ID + "-process", String.class, String.class), stream -> {
                        for (Event<String, String> e : stream.events()) {
                            String v = e.value();
                            out.send(v.substring(0, v.indexOf('-')), v);
                            counts.update(v.substring(0, v.indexOf('-')), n -> n + 1);
                        }
                    });
                }
            }
            """;

    private static boolean longForm() {
        return Boolean.getBoolean("eos.long");
    }

    private Launched.Spec eosWorker(String name, String data, Map<String, String> env) {
        try {
            Files.writeString(dir.resolve("eosapp.java"), SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = Launched.env(
                "E2E_APP_ID", appId,
                "FAUST_PROCESSING_GUARANTEE", "exactly_once",
                "FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "FAUST_BROKER_SESSION_TIMEOUT", "6",
                "FAUST_BROKER_HEARTBEAT_INTERVAL", "1");
        all.putAll(env);
        return new Launched.Spec(name, dir, all, List.of("--broker=" + Kafka.url(), "-W", dir.toString(),
                "--datadir=" + dir.resolve(data), "-A", "eosapp", "-l", "info", "worker", "--without-web"), false);
    }

    /** Sends {@code k<i % KEYS>-<i>} for i in [0, n) to partition i % PARTITIONS at about {@code rate}/s. */
    private Thread load(long n, long rate, AtomicLong sent) {
        Thread t = new Thread(() -> {
            Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(config, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                long t0 = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    String v = "\"k" + (i % KEYS) + "-" + i + "\"";
                    p.send(new ProducerRecord<>(topic, (int) (i % PARTITIONS), null, v.getBytes(StandardCharsets.UTF_8)));
                    sent.incrementAndGet();
                    long due = t0 + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
                p.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "eos-load");
        t.start();
        return t;
    }

    /** @return every record of a topic read read_committed from the beginning to its end */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean lockFree(Path lock) {
        if (!Files.exists(lock)) {
            return true;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace("\"", "");
    }

    /** @return the changelog's newest count per (partition, key), read_committed */
    private Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(appId + "-counts-changelog")) {
            out.put(r.partition() + "/" + text(r.key()), r.value() == null ? 0 : Long.parseLong(text(r.value())));
        }
        return out;
    }

    private static Map<String, Long> expectedCounts(long n) {
        Map<String, Long> out = new HashMap<>();
        for (long i = 0; i < n; i++) {
            out.merge((i % PARTITIONS) + "/k" + (i % KEYS), 1L, Long::sum);
        }
        return out;
    }

    /** Waits for the output to hold n records (read_committed), then checks exactly-once and returns the figures. */
    private String assertExactlyOnce(long n) {
        await("every event in the output, read_committed").atMost(Duration.ofMinutes(longForm() ? 10 : 3))
                .pollInterval(Duration.ofSeconds(2)).until(() -> readCommitted(appId + "-out").size() >= n);
        List<ConsumerRecord<byte[], byte[]>> out = readCommitted(appId + "-out");
        Set<Long> seqs = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            String v = text(r.value());
            seqs.add(Long.parseLong(v.substring(v.indexOf('-') + 1)));
        }
        long duplicates = out.size() - seqs.size();
        long lost = n - seqs.size();
        Map<String, Long> want = expectedCounts(n);
        try {
            await("the count table at the exact counts").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> counts().equals(want));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertion below shows the difference
        }
        assertThat(duplicates).as("duplicates in the output").isZero();
        assertThat(lost).as("events lost").isZero();
        assertThat(counts()).as("counts").isEqualTo(want);
        return out.size() + " out of " + n + " in, 0 duplicates, 0 lost, " + want.size() + " exact counts";
    }

    /** Keeps the workers' logs under target/eos-logs (the temp dir goes with the test). */
    @org.junit.jupiter.api.AfterEach
    void keepLogs(org.junit.jupiter.api.TestInfo info) throws IOException {
        Path target = Path.of("target", "eos-logs", info.getTestMethod().map(m -> m.getName()).orElse("test"));
        Files.createDirectories(target);
        try (var files = Files.walk(dir, 2)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("err.txt")).toList()) {
                Files.copy(f, target.resolve(f.getParent().getFileName() + ".err.txt"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void randomKillsAndRestartsLeaveEveryInputExactlyOnceInTheOutputAndExactCounts() throws Exception {
        long events = Long.getLong("eos.events", longForm() ? 200_000 : 20_000);
        long killFor = longForm() ? 60_000 : 15_000;
        long killEvery = longForm() ? 4_000 : 3_000;
        long rate = events * 1000 / (killFor + 5_000);
        Launched[] workers = new Launched[3];
        for (int i = 0; i < 3; i++) {
            workers[i] = start(eosWorker("w" + i, "w" + i + "-data", Map.of()));
        }
        for (Launched w : workers) {
            w.awaitReady();
        }
        AtomicLong sent = new AtomicLong();
        Thread loader = load(events, rate, sent);
        Random random = new Random(13);
        int kills = 0;
        long end = System.nanoTime() + killFor * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.sleep(killEvery);
            int i = random.nextInt(3);
            ProcessHandle jvm = workers[i].jvm().orElse(null);
            workers[i].signal("KILL"); // the launcher, as a user would
            if (jvm != null) {
                jvm.destroyForcibly(); // and its JVM at once (the launcher watch is slow on a loaded machine)
            }
            workers[i].awaitExit(Duration.ofSeconds(10));
            if (jvm != null) {
                await("KILLed worker's JVM gone").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(20)).until(() -> !running(jvm.pid()));
            }
            // a JVM the launcher was just starting when KILLed may hold the datadir a moment longer
            Path lock = dir.resolve("w" + i + "-data").resolve("worker.lock");
            await("the KILLed worker's datadir free").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(50)).until(() -> lockFree(lock));
            kills++;
            workers[i] = start(eosWorker("w" + i + "-" + kills, "w" + i + "-data", Map.of()));
        }
        loader.join(Duration.ofMinutes(5).toMillis());
        assertThat(sent.get()).isEqualTo(events);
        for (Launched w : workers) {
            w.awaitReady(); // the last one restarted is up before the warm stops at the end
        }
        String figures = assertExactlyOnce(events);
        figure("chaos: " + kills + " KILLs of 3 workers; " + figures, events, "events");
        for (Launched w : workers) {
            w.signal("TERM");
        }
        for (Launched w : workers) {
            assertThat(w.awaitExit(Duration.ofSeconds(60))).as(w.output()).isZero();
        }
    }

    @Test
    void aWorkerFrozenPastTheSessionTimeoutIsFencedWritesNothingAndRejoins() throws Exception {
        Launched a = start(eosWorker("a", "a-data", Map.of()));
        Launched b = start(eosWorker("b", "b-data", Map.of()));
        a.awaitReady();
        b.awaitReady();
        long events = 6_000;
        AtomicLong sent = new AtomicLong();
        Thread loader = load(events, 400, sent);
        await("a works").atMost(Duration.ofSeconds(30)).until(() -> sent.get() > 1_000);
        ProcessHandle jvm = a.jvm().orElseThrow();
        Launched.kill("STOP", jvm.pid());
        long t0 = System.nanoTime();
        Thread.sleep(12_000); // past the 6 s session timeout: b takes a's partitions
        Launched.kill("CONT", jvm.pid());
        figure("zombie frozen for", msSince(t0), "ms");
        loader.join(Duration.ofMinutes(2).toMillis());
        String figures = assertExactlyOnce(events);
        figure("zombie: " + figures, events, "events");
        assertThat(jvm.isAlive()).as("the zombie rejoins instead of dying").isTrue();
        await("the zombie back in the group").atMost(Duration.ofSeconds(60))
                .until(() -> a.err().lastIndexOf("assigned") > a.err().lastIndexOf("transaction aborted"));
        a.signal("TERM");
        b.signal("TERM");
        assertThat(a.awaitExit(Duration.ofSeconds(60))).as(a.output()).isZero();
        assertThat(b.awaitExit(Duration.ofSeconds(60))).as(b.output()).isZero();
    }
}
