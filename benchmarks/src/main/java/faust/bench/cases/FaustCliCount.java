package faust.bench.cases;

import faust.bench.BenchKafka;
import faust.bench.CaseArgs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Count by key as users run it: an app file ({@code count.java}) with a table of the default store (RocksDB,
 * changelog {@code <id>-counts-changelog}, values in the default {@code json} codec) and
 * {@code bin/faust -A count worker} with default settings. The input's value is random bytes, so the topic
 * says {@code valueCodec("raw")}; its key is the default codec's {@code String}. After the run the
 * changelog is read back (newest value per key) and the counts summed as a check ({@code count_sum}).
 */
public final class FaustCliCount extends ThroughputCase {
    static final String SOURCE = """
            import faust.App;
            import faust.Event;
            import faust.Table;

            /** Counts the records of the input by key. */
            public class count {
                public static final App app = App.create("%ID%");
                static final Table<String, Long> counts =
                        app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));

                static {
                    app.agent(app.topic("%IN%", String.class, byte[].class, t -> t.valueCodec("raw")), stream -> {
                        for (Event<String, byte[]> e : stream.events()) {
                            counts.update(e.key(), n -> n + 1);
                        }
                    });
                }
            }
            """;

    @Override
    boolean writesOutput() {
        return false;
    }

    @Override
    boolean inProcess() {
        return false;
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) throws Exception {
        Path dir = Files.createDirectories(a.workdir().resolve("app"));
        Files.writeString(dir.resolve("count.java"), SOURCE.replace("%ID%", a.prefix()).replace("%IN%", a.input()));
        CliWorker w = CliWorker.start(a, dir, "count", List.of(), List.of());
        String changelog = timedTopic(a);
        return new Running() {
            @Override
            public String failure() {
                return w.failure();
            }

            @Override
            public long pid() {
                return w.pid();
            }

            @Override
            public Map<String, Object> stop() throws Exception {
                Map<String, Object> m = new LinkedHashMap<>(w.stop());
                m.putAll(sumChangelog(a.bootstrap(), changelog));
                return m;
            }
        };
    }

    /** Reads a changelog whose values are JSON numbers to its end; sums the newest value of every key. */
    static Map<String, Object> sumChangelog(String bootstrap, String topic) {
        Map<String, Object> m = new LinkedHashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            Map<String, Long> latest = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, Long.parseLong(new String(r.value(), StandardCharsets.UTF_8).trim()));
                    }
                }
            }
            m.put("count_sum", latest.values().stream().mapToLong(Long::longValue).sum());
            m.put("count_keys", latest.size());
            m.put("changelog_records", BenchKafka.sum(end));
        } catch (RuntimeException e) {
            m.put("count_check", "not read: " + e);
        }
        return m;
    }
}
