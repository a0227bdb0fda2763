package faust.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Event;
import faust.SetTable;
import faust.Setting;
import faust.StopMode;
import faust.Topic;
import faust.Windowed;
import faust.WindowedTable;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windowed and set tables under processing_guarantee=exactly_once (issues 11 and 13): an agent counts into a
 * tumbling windowed table and adds to a set table; a transaction is aborted on purpose (the agent sends a record
 * the producer refuses, so the events of that transaction were counted in the tables' caches, thrown away, and
 * redone). The tables hold every event exactly once (a change kept from the aborted transaction would count an
 * event twice); windows that expired are closed in a transaction and reported to onWindowClose once with their
 * exact counts; the changelogs read read_committed are in Faust's form and replay to exactly the tables'
 * contents; a worker on an empty data directory recovers the same windows and sets from the transactional
 * changelogs.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExactlyOnceTablesIT {
    private static final Map<Setting, String> EOS = Map.of(Setting.PROCESSING_GUARANTEE, "exactly_once",
            Setting.TABLE_CLEANUP_INTERVAL, "0.2");
    private static final long SIZE = 10_000;
    private static final Pattern WINDOW_KEY = Pattern.compile("\\[\"([a-z])\",\\[([0-9.]+),([0-9.]+)]]");
    private static final Pattern SET_KEY = Pattern.compile("\\[(1|2|15),\"([a-z])\"]");
    private static final Pattern MEMBER = Pattern.compile("\"([^\"]*)\"");

    @TempDir
    Path tmp;

    private record Tables(App app, WindowedTable<String, Long> counts, SetTable<String, String> seen,
                          Map<String, Long> closed) {
    }

    /**
     * Counts per key per 10 s window (expiring after an hour: the closed windows are collected) and the tags seen
     * per key; the first "poison" also sends a 2 MB record.
     */
    private static Tables app(String id, String in, AtomicBoolean poisoned) {
        App app = App.create(id);
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofMillis(SIZE), Duration.ofHours(1));
        SetTable<String, String> seen = app.setTable("seen", String.class, String.class);
        Map<String, Long> closed = new java.util.concurrent.ConcurrentSkipListMap<>();
        counts.onWindowClose((w, n) -> {
            if (closed.put(w.key() + "@" + w.window().start().toEpochMilli(), n) != null) {
                closed.put("reported twice: " + w, n);
            }
        });
        Topic<String, String> out = app.topic(id + "-out", String.class, String.class, t -> t.valueCodec("string"));
        app.agent(app.topic(in, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                if (e.value().endsWith("poison") && poisoned.compareAndSet(false, true)) {
                    out.send(e.key(), "x".repeat(2_000_000)); // over max.request.size: the transaction aborts
                }
                counts.update(e.key(), n -> n + 1);
                seen.add(e.key(), e.value().split("-")[2]);
            }
        });
        return new Tables(app, counts, seen, closed);
    }

    /** Input i: key a..e, value {@code key-i-tag}, timestamp spread over six 10 s windows. */
    private record Input(String key, String value, long ts) {
        String tag() {
            return value.split("-")[2];
        }
    }

    private static List<Input> inputs(int n, long base) {
        String[] keys = {"a", "b", "c", "d", "e"};
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String k = keys[i % keys.length];
            out.add(new Input(k, k + "-" + i + "-t" + (i % 7) + (i == n / 2 ? "-poison" : ""), base + (i * 137L) % 60_000));
        }
        return out;
    }

    private static void send(String topic, List<Input> inputs) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", Kafka.servers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Input i : inputs) {
                acks.add(producer.send(new ProducerRecord<>(topic, null, i.ts(), i.key(), i.value())));
            }
            for (var ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** @return count by "key@window start ms" */
    private static Map<String, Long> expectedCounts(List<Input> inputs) {
        Map<String, Long> m = new TreeMap<>();
        inputs.forEach(i -> m.merge(i.key() + "@" + (i.ts() - i.ts() % SIZE), 1L, Long::sum));
        return m;
    }

    private static Map<String, Set<String>> expectedSets(List<Input> inputs) {
        Map<String, Set<String>> m = new TreeMap<>();
        inputs.forEach(i -> m.computeIfAbsent(i.key(), k -> new TreeSet<>()).add(i.tag()));
        return m;
    }

    private static Map<String, Long> counts(WindowedTable<String, Long> t) {
        Map<String, Long> m = new TreeMap<>();
        for (Map.Entry<Windowed<String>, Long> e : t.local().entrySet()) {
            m.put(e.getKey().key() + "@" + e.getKey().window().start().toEpochMilli(), e.getValue());
        }
        return m;
    }

    private static Map<String, Set<String>> sets(SetTable<String, String> t) {
        Map<String, Set<String>> m = new TreeMap<>();
        t.local().forEach((k, v) -> m.put(k, new TreeSet<>(v)));
        return m;
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Replays the windowed changelog (Faust's {@code [key,[start,end]]} keys) into count by key@start. */
    private static Map<String, Long> replayWindows(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> m = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Matcher k = WINDOW_KEY.matcher(text(r.key()));
            assertThat(k.matches()).as("Faust's window key: %s", text(r.key())).isTrue();
            long start = Math.round(Double.parseDouble(k.group(2)) * 1000);
            long end = Math.round(Double.parseDouble(k.group(3)) * 1000);
            assertThat(end).as("end = start + size - 0.1 s").isEqualTo(start + SIZE - 100);
            String key = k.group(1) + "@" + start;
            if (r.value() == null) {
                m.remove(key);
            } else {
                m.put(key, Long.parseLong(text(r.value())));
            }
        }
        return m;
    }

    /** Replays the set changelog (Faust's operations: 1 add, 2 discard, 15 update) into the sets. */
    private static Map<String, Set<String>> replaySets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Matcher k = SET_KEY.matcher(text(r.key()));
            assertThat(k.matches()).as("Faust's set operation key: %s", text(r.key())).isTrue();
            Set<String> set = m.computeIfAbsent(k.group(2), x -> new TreeSet<>());
            String v = text(r.value());
            switch (k.group(1)) {
                case "1" -> set.addAll(members(v));
                case "2" -> set.removeAll(members(v));
                default -> {
                    int split = v.indexOf("],[");
                    set.addAll(members(v.substring(0, split)));
                    set.removeAll(members(v.substring(split)));
                }
            }
        }
        return m;
    }

    private static List<String> members(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = MEMBER.matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void windowedAndSetTablesHoldOnlyCommittedChangesAndRecoverFromTheTransactionalChangelogs() throws Exception {
        String id = EmbeddedKafka.uniqueName("eostables");
        String in = id + "-in";
        Kafka.createTopic(in, 2);
        // Three hours ago (the broker refuses timestamps an hour or more ahead of its clock): the later events, two
        // hours after the first, are still in the past.
        long base = System.currentTimeMillis() / 60_000 * 60_000 - 3 * 3_600_000L;
        List<Input> inputs = new ArrayList<>(inputs(600, base));
        Map<String, Long> firstCounts = expectedCounts(inputs);
        Map<String, Set<String>> firstSets = expectedSets(inputs);
        List<Input> later = inputs(5, base + 2 * 3_600_000L).stream() // two hours later in event time
                .map(i -> new Input(i.key(), i.key() + "-later-t9", i.ts())).toList();
        Map<String, Long> wantCounts = expectedCounts(later);
        AtomicBoolean poisoned = new AtomicBoolean();
        Tables first = app(id, in, poisoned);
        Worker w = Workers.start(first.app(), tmp.resolve("w1"), EOS);
        try {
            send(in, inputs);
            await("every event counted once in its window").atMost(Duration.ofSeconds(60))
                    .until(() -> counts(first.counts()).equals(firstCounts));
            assertThat(poisoned).as("a transaction was aborted on purpose").isTrue();
            assertThat(sets(first.seen())).isEqualTo(firstSets);
            // Two hours later in event time every window so far has expired: closed in a transaction, reported once
            // with its exact count.
            send(in, later);
            await("the expired windows closed").atMost(Duration.ofSeconds(60))
                    .until(() -> counts(first.counts()).equals(wantCounts) && first.closed().size() >= firstCounts.size());
            assertThat(first.closed()).as("each expired window reported once, with its count").isEqualTo(firstCounts);
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
        assertThat(wantCounts).as("one window per key after the expiry").hasSize(5);
        inputs.addAll(later);
        Map<String, Set<String>> wantSets = expectedSets(inputs);
        assertThat(Kafka.committed(id, in, 0) + Kafka.committed(id, in, 1)).as("input offsets committed")
                .isEqualTo(inputs.size());

        Duration within = Duration.ofSeconds(30);
        var windows = Kafka.readToEnd(id + "-counts-changelog", "read_committed", within);
        assertThat(replayWindows(windows)).as("the committed windowed changelog (tombstones of the closed windows"
                + " in it) replays to the exact counts").isEqualTo(wantCounts);
        var setOps = Kafka.readToEnd(id + "-seen-changelog", "read_committed", within);
        assertThat(replaySets(setOps)).as("the committed set changelog replays to the sets").isEqualTo(wantSets);

        // A worker on an empty data directory rebuilds both tables from the transactional changelogs.
        Tables again = app(id, in, new AtomicBoolean(true));
        Worker w2 = Workers.start(again.app(), tmp.resolve("w2"), EOS);
        try {
            assertThat(w2.tableRecordsRecovered()).isPositive();
            assertThat(counts(again.counts())).as("the same windows after recovery").isEqualTo(wantCounts);
            assertThat(sets(again.seen())).as("the same sets after recovery").isEqualTo(wantSets);
        } finally {
            assertThat(Workers.stop(w2, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }
}
