package faust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.Table;
import faust.Topic;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * processing_guarantee=exactly_once against the embedded broker: a transaction aborted on purpose (an agent sends
 * a record the broker refuses) leaves no output and no table change visible, its events are redone once; the
 * outputs read read_committed and the count table are exact; a table rebuilt from its changelog (transaction
 * markers in it) is exact too and the recovery ends.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExactlyOnceIT {
    private static final Map<Setting, String> EOS = Map.of(Setting.PROCESSING_GUARANTEE, "exactly_once");

    @TempDir
    Path tmp;

    /** Pass-through to {@code <id>-out} and a count per key; the first "poison" also sends a record, then a 2 MB one. */
    private static App app(String id, String in, AtomicBoolean poisoned) {
        App app = App.create(id);
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        Topic<String, String> out = app.topic(id + "-out", String.class, String.class, t -> t.valueCodec("string"));
        app.agent(app.topic(in, String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                if (e.value().endsWith("poison") && poisoned.compareAndSet(false, true)) {
                    // A record that reaches the log inside the transaction (the commit waits for this event), so
                    // the log surely holds an aborted record; then one over max.request.size: the transaction aborts.
                    out.send(e.key(), "written-then-aborted");
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                    }
                    out.send(e.key(), "x".repeat(2_000_000));
                }
                counts.update(e.key(), n -> n + 1);
                out.send(e.key(), e.value());
            }
        });
        return app;
    }

    @SuppressWarnings("unchecked")
    private static Table<String, Long> counts(App app) {
        return (Table<String, Long>) app.tables().get(0);
    }

    private static void send(String topic, List<String> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Kafka.servers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v.substring(0, v.indexOf('-')), v));
            }
            producer.flush();
        }
    }

    /** Reads a topic to its end with the given isolation level. */
    static List<String> read(String topic, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.servers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            var tps = c.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static List<String> inputs(int n) {
        String[] keys = {"a", "b", "c", "d", "e"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(keys[i % keys.length] + "-" + i + (i == n / 2 ? "-poison" : ""));
        }
        return out;
    }

    private static Map<String, Long> expected(List<String> values) {
        Map<String, Long> m = new TreeMap<>();
        values.forEach(v -> m.merge(v.substring(0, v.indexOf('-')), 1L, Long::sum));
        return m;
    }

    @Test
    void anAbortedTransactionLeavesNothingVisibleAndItsEventsAreRedoneOnce() throws Exception {
        String id = EmbeddedKafka.uniqueName("eos");
        String in = id + "-in";
        Kafka.createTopic(in, 2);
        AtomicBoolean poisoned = new AtomicBoolean();
        App app = app(id, in, poisoned);
        Worker w = Workers.start(app, tmp.resolve("w1"), EOS);
        List<String> values = inputs(400);
        Map<String, Long> want = expected(values);
        try {
            send(in, values);
            await("every event counted once").atMost(Duration.ofSeconds(60))
                    .until(() -> new TreeMap<>(counts(app).local()).equals(want));
            assertThat(poisoned).as("the transaction was aborted on purpose").isTrue();
            await("outputs committed").atMost(Duration.ofSeconds(30))
                    .until(() -> read(id + "-out", "read_committed").size() >= values.size());
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
        List<String> committed = read(id + "-out", "read_committed");
        assertThat(committed).as("read_committed: every input exactly once").containsExactlyInAnyOrderElementsOf(values);
        List<String> uncommitted = read(id + "-out", "read_uncommitted");
        assertThat(uncommitted.size()).as("the aborted transaction's records are in the log, not visible")
                .isGreaterThan(committed.size());
        assertThat(Kafka.committed(id, in, 0) + Kafka.committed(id, in, 1)).as("input offsets committed")
                .isEqualTo(values.size());

        // A new worker on an empty datadir rebuilds the table from the changelog (read_committed, transaction
        // markers at its end): the recovery ends and the counts are exact.
        App again = app(id, in, new AtomicBoolean(true));
        Worker w2 = Workers.start(again, tmp.resolve("w2"), EOS);
        try {
            assertThat(w2.tableRecordsRecovered()).isPositive();
            assertThat(new TreeMap<>(counts(again).local())).isEqualTo(want);
        } finally {
            assertThat(Workers.stop(w2, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }
}
