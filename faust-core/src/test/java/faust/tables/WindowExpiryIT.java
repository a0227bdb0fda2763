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
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 §2/§6: a windowed table's store stays bounded by {@code expires} however long the app runs. A tumbling
 * count (10 s windows, expires 60 s, RocksDB, {@code table_cleanup_interval} 0.1 s) is fed minute after minute of
 * event time (records timestamped at the producer, event time far faster than wall time) for twelve expiry
 * periods. After each minute the store's live windows come down to at most {@code expires / size + 1} per key
 * (7) while 6 new windows per key open every minute: without the sweep the store would hold 72 per key at the end.
 * Every minute the test records live windows, {@code faust_table_keys} from {@code /metrics} (RocksDB's
 * {@code rocksdb.estimate-num-keys}) and the SST files' size; at the end the changelog holds a tombstone for every
 * window closed and replays to no more than the bound.
 *
 * Both guarantees: at-least-once (the sweep on its own thread) and exactly-once (windows closed at commits' cuts).
 *
 * <p>The long form (README, "Windowed tables": store size over a long run) runs 60 expiry periods over thousands
 * of keys and writes the figure tables to {@code faust-core/target/window-expiry-long[-eos].txt}:
 * <pre>{@code
 * mvn -B -pl faust-core -am verify -Dtest=NONE -Dit.test=WindowExpiryIT -Dwindows.long=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 * ({@code -Dwindows.long.keys}, {@code -Dwindows.long.minutes}, {@code -Dwindows.long.perKeyMinute} change its
 * shape; defaults 5000 keys, 60 minutes, 10 records per key per minute: 3,000,000 records.)
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 40, unit = TimeUnit.MINUTES) // the long form; the short one takes seconds
class WindowExpiryIT {
    private static final Logger LOG = LoggerFactory.getLogger(WindowExpiryIT.class);
    private static final boolean LONG = Boolean.getBoolean("windows.long");
    private static final long SIZE = 10_000;
    private static final long EXPIRES = 60_000;
    private static final long MINUTE = 60_000;
    /** Live windows per key once the sweep ran: starts in (time - expires - size, time]. */
    private static final int BOUND_PER_KEY = (int) (EXPIRES / SIZE + 1);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One row of the figure table: after an event-time minute was processed and swept. */
    private record Sample(int minute, long records, double wallSeconds, int liveWindows, double storeKeys,
                          long sstBytes, long dbBytes, long changelogRecords) {
        String row(int keys) {
            return String.format("%6d %8.1f %10d %9.1f %12d %9.2f %12.0f %12d %12d %14d", minute,
                    minute * (double) MINUTE / EXPIRES, records, wallSeconds, liveWindows, liveWindows / (double) keys,
                    storeKeys, sstBytes, dbBytes, changelogRecords);
        }
    }

    private static final String HEADER = String.format("%6s %8s %10s %9s %12s %9s %12s %12s %12s %14s", "minute",
            "expiries", "records", "wall_s", "live_windows", "per_key", "store_keys", "sst_bytes", "db_bytes",
            "changelog_recs");

    @Test
    void liveWindowsStayBoundedByExpiresAndClosedWindowsAreTombstoned() throws Exception {
        run(false);
    }

    /** The same under exactly-once: windows are closed at commits' cuts, in their transactions. */
    @Test
    void underExactlyOnceTooTheLiveWindowsStayBounded() throws Exception {
        run(true);
    }

    private void run(boolean eos) throws Exception {
        int keys = LONG ? Integer.getInteger("windows.long.keys", 5000) : 50;
        int minutes = LONG ? Integer.getInteger("windows.long.minutes", 60) : 12;
        int perKeyMinute = LONG ? Integer.getInteger("windows.long.perKeyMinute", 10) : 10;
        String id = EmbeddedKafka.uniqueName("winexp");
        String in = id + "-in";
        Kafka.createTopic(in, 2);
        App app = App.create(id);
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofMillis(SIZE), Duration.ofMillis(EXPIRES));
        app.agent(app.topic(in, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
            }
        });
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.TABLE_CLEANUP_INTERVAL, "0.1",
                Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0",
                Setting.PROCESSING_GUARANTEE, eos ? "exactly_once" : "at_least_once"));
        List<Sample> samples = new ArrayList<>();
        long base = System.currentTimeMillis() / MINUTE * MINUTE - minutes * MINUTE; // event time ends about now
        long started = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int m = 0; m < minutes; m++) {
                int n = keys * perKeyMinute;
                for (int i = 0; i < n; i++) {
                    long ts = base + m * MINUTE + i * MINUTE / n;
                    producer.send(new ProducerRecord<>(in, null, ts, String.format("k%05d", i % keys), "1"));
                }
                producer.flush();
                sent += n;
                long want = sent;
                await("minute " + m + " processed and committed").atMost(Duration.ofSeconds(LONG ? 300 : 60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> Kafka.committed(id, in, 0) + Kafka.committed(id, in, 1) >= want);
                int bound = keys * BOUND_PER_KEY;
                await("minute " + m + ": the sweep brings the live windows down to " + bound)
                        .atMost(Duration.ofSeconds(LONG ? 60 : 20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> counts.local().size() <= bound);
                Sample s = new Sample(m + 1, sent, (System.nanoTime() - started) / 1e9, counts.local().size(),
                        storeKeys(w), bytes(w.datadir(), ".sst"), bytes(w.datadir(), ""), Kafka.size(id + "-counts-changelog"));
                samples.add(s);
                LOG.info("{}", s.row(keys));
            }
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
            report(samples, keys, minutes, perKeyMinute, eos);
        }

        int created = keys * (int) (minutes * MINUTE / SIZE);
        int bound = keys * BOUND_PER_KEY;
        assertThat(samples).as("every minute ends with at most expires/size + 1 windows per key")
                .allMatch(s -> s.liveWindows() <= bound);
        assertThat(samples.getLast().liveWindows()).as("the newest windows are live").isGreaterThanOrEqualTo(keys);
        String topic = id + "-counts-changelog";
        long stable = System.nanoTime();
        await("no transaction left open on the changelog").atMost(Duration.ofSeconds(90))
                .until(() -> endOffsets(topic, "read_committed") == endOffsets(topic, "read_uncommitted"));
        LOG.warn("changelog stable {} ms after the stop; end offsets {}", (System.nanoTime() - stable) / 1_000_000,
                endOffsets(topic, "read_uncommitted"));
        List<ConsumerRecord<byte[], byte[]>> changelog = Kafka.readToEnd(topic, "read_committed",
                Duration.ofSeconds(LONG ? 300 : 30));
        Map<String, String> replay = new HashMap<>();
        long tombstones = 0;
        for (ConsumerRecord<byte[], byte[]> r : changelog) {
            String k = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                tombstones++;
                replay.remove(k);
            } else {
                replay.put(k, new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        LOG.warn("changelog: {} records, {} tombstones, replays to {} windows", changelog.size(), tombstones,
                replay.size());
        assertThat(tombstones).as("a tombstone for every window closed: %d created, at most %d live", created, bound)
                .isGreaterThanOrEqualTo(created - bound);
        assertThat(replay.size()).as("the changelog replays to the live windows only").isLessThanOrEqualTo(bound);
    }

    /** @return the sum of the topic's end offsets as a reader with this isolation level sees them */
    private static long endOffsets(String topic, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Kafka.servers());
        p.put("isolation.level", isolation);
        p.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p)) {
            var tps = c.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", Kafka.servers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "10");
        p.put("batch.size", Integer.toString(256 * 1024));
        return new KafkaProducer<>(p);
    }

    /** @return {@code faust_table_keys} of the counts table (RocksDB's estimate-num-keys) from /metrics */
    private double storeKeys(Worker w) throws Exception {
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.webPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^faust_table_keys\\{[^}]*table=\"counts\"[^}]*} ([^ \\n]+)").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** @return the size of the counts table's RocksDB files ending with {@code suffix} under the datadir */
    private static long bytes(Path datadir, String suffix) {
        try (Stream<Path> files = Files.walk(datadir)) {
            return files.filter(f -> f.toString().contains("counts-") && f.getFileName().toString().endsWith(suffix))
                    .filter(Files::isRegularFile).mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // deleted by a compaction meanwhile
                        }
                    }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static void report(List<Sample> samples, int keys, int minutes, int perKeyMinute, boolean eos)
            throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format("# %s: tumbling %d s windows, expires %d s, %d keys, %d minutes of event time"
                        + " (%.0f expiry periods), %d records per key per minute; bound %d live windows (%d per key)%n",
                eos ? "exactly_once" : "at_least_once", SIZE / 1000, EXPIRES / 1000, keys, minutes,
                minutes * (double) MINUTE / EXPIRES, perKeyMinute, keys * BOUND_PER_KEY, BOUND_PER_KEY));
        b.append(HEADER).append('\n');
        samples.forEach(s -> b.append(s.row(keys)).append('\n'));
        Path out = Path.of("target", "window-expiry-" + (LONG ? "long" : "short") + (eos ? "-eos" : "") + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b);
        LOG.info("window expiry figures ({}):\n{}", out.toAbsolutePath(), b);
    }
}
