package faust.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.App;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.Table;
import faust.Topic;
import faust.codecs.Golden.Sample;
import faust.codecs.Golden.SampleKey;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 12 §3/§5 against a real broker: a Java worker recovers a table from the changelog Python Faust wrote
 * (02-table-changelog) and serves Faust's counts, writes the same changelog bytes for the same updates, reads
 * and re-sends Record keys (01 samples-keyed); a Java worker is refused by a group of Python workers.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FaustInteropIT {
    /** Faust's word count, as 02-table-changelog's golden.py declares it. */
    private static final List<String> WORDS = List.of("apple", "banana", "apple", "cherry", "apple");

    @TempDir
    Path tmp;

    /** The records as they are, each to the partition given (null: the default partitioner's). */
    private static void produce(String topic, List<WireSamples.Rec> records, boolean keepPartition) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.servers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (WireSamples.Rec r : records) {
                producer.send(new ProducerRecord<>(topic, keepPartition ? r.partition() : null, r.key(), r.value()));
            }
            producer.flush();
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static String record(int partition, byte[] key, byte[] value) {
        return partition + ":" + HexFormat.of().formatHex(key) + "=" + (value == null ? "null" : HexFormat.of()
                .formatHex(value));
    }

    @Test
    void aJavaWorkerServesFaustsCountsFromFaustsChangelogAndWritesTheSameBytes() throws Exception {
        String id = EmbeddedKafka.uniqueName("golden");
        String source = id + "-words";
        List<WireSamples.Rec> faust = WireSamples.topic("02-table-changelog.txt", "golden-word-counts-changelog");
        Kafka.createTopic(source, 8);
        Kafka.createTopic(id + "-word-counts-changelog", 8);
        produce(id + "-word-counts-changelog", faust, true);

        App app = App.create(id);
        Table<String, Long> counts = app.table("word-counts", String.class, Long.class, t -> t.defaultValue(0L));
        Table<String, Long> fresh = app.table("fresh", String.class, Long.class, t -> t.defaultValue(0L));
        // the source stands for Faust's repartition topic: keyed by the word (raw), values JSON
        Topic<String, String> words = app.topic(source, String.class, String.class);
        app.agent(words, stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
                fresh.update(e.key(), n -> n + 1);
            }
        });
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.WEB_ENABLED, "true", Setting.WEB_PORT, "0"));
        try {
            // Final table state logged by Faust's worker: {'banana': 1, 'cherry': 1, 'apple': 3}
            assertThat(counts.local()).isEqualTo(Map.of("banana", 1L, "cherry", 1L, "apple", 3L));
            assertThat(get(w.webPort(), "/table/word-counts/apple")).isEqualTo("200 3");
            assertThat(get(w.webPort(), "/table/word-counts/banana")).isEqualTo("200 1");
            assertThat(get(w.webPort(), "/table/word-counts/cherry")).isEqualTo("200 1");
            assertThat(get(w.webPort(), "/table/word-counts/durian")).isEqualTo("200 0");

            // the same updates Faust made (its repartitioned words), through the Java agent
            for (String word : WORDS) {
                words.send(word, word).get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fresh.local().equals(
                    Map.of("banana", 1L, "cherry", 1L, "apple", 3L)));
            assertThat(get(w.webPort(), "/table/word-counts/apple")).isEqualTo("200 6");

            // every changelog record the Java worker wrote is one Faust wrote (key, value and partition, byte for
            // byte; updates between two commits are written once), and the last one of each key is Faust's last
            Set<String> faustRecords = faust.stream().map(r -> record(r.partition(), r.key(), r.value()))
                    .collect(Collectors.toSet());
            Map<String, String> faustLast = new HashMap<>();
            faust.forEach(r -> faustLast.put(r.keyText(), record(r.partition(), r.key(), r.value())));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConsumerRecord<byte[], byte[]>> java = Kafka.readAll(id + "-fresh-changelog",
                        (int) Kafka.size(id + "-fresh-changelog"), Duration.ofSeconds(10));
                Map<String, String> javaLast = new LinkedHashMap<>();
                for (ConsumerRecord<byte[], byte[]> c : java) {
                    assertThat(faustRecords).contains(record(c.partition(), c.key(), c.value()));
                    javaLast.put(new String(c.key(), StandardCharsets.UTF_8), record(c.partition(), c.key(), c.value()));
                }
                assertThat(javaLast).isEqualTo(faustLast);
            });
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void recordKeysRoundTripThroughATopicWithTheJsonKeyCodec() throws Exception {
        String id = EmbeddedKafka.uniqueName("keyed");
        String in = id + "-samples-keyed";
        String out = id + "-samples-keyed-out";
        Kafka.createTopic(in, 8);
        Kafka.createTopic(out, 8);
        App app = App.create(id);
        Topic<SampleKey, Sample> keyedIn = app.topic(in, SampleKey.class, Sample.class, t -> t.keyCodec("json"));
        Topic<SampleKey, Sample> keyedOut = app.topic(out, SampleKey.class, Sample.class, t -> t.keyCodec("json"));
        List<SampleKey> keys = new CopyOnWriteArrayList<>();
        app.agent(keyedIn, stream -> {
            for (Event<SampleKey, Sample> e : stream.events()) {
                keys.add(e.key());
                keyedOut.send(e.key(), e.value()).get(30, TimeUnit.SECONDS);
            }
        });
        List<WireSamples.Rec> faust = WireSamples.topic("01-record-model.txt", "samples-keyed");
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        try {
            produce(in, faust, false);
            List<ConsumerRecord<byte[], byte[]>> got = Kafka.readAll(out, 1, Duration.ofSeconds(60));
            assertThat(got).hasSize(1);
            assertThat(keys).containsExactly(new SampleKey(1));
            GoldenWireTest.assertSameBytes(got.get(0).key(), faust.get(0).key());
            GoldenWireTest.assertSameBytes(got.get(0).value(), faust.get(0).value());
            assertThat(got.get(0).partition()).as("murmur2 of the key's JSON, as Faust").isEqualTo(faust.get(0).partition());
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }

    /** Stands for a Python Faust worker in the group: its assignor protocol is called {@code faust}. */
    public static final class PythonFaustAssignor extends RangeAssignor {
        @Override
        public String name() {
            return "faust";
        }
    }

    @Test
    void aJavaWorkerIsRefusedByAGroupOfPythonWorkersWithOneClearLine() throws Exception {
        String id = EmbeddedKafka.uniqueName("mixed");
        String topic = id + "-in";
        Kafka.createTopic(topic, 2);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.servers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, PythonFaustAssignor.class.getName());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Logger log = (Logger) LoggerFactory.getLogger(Worker.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (KafkaConsumer<byte[], byte[]> python = new KafkaConsumer<>(p)) {
            python.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                python.poll(Duration.ofMillis(100));
                return !python.assignment().isEmpty();
            });
            App app = App.create(id);
            app.agent(app.topic(topic), stream -> { });
            Worker w = Workers.launch(app, tmp.resolve("w"), Map.of());
            assertThat(w.awaitTermination(Duration.ofSeconds(60))).isEqualTo(ExitCodes.FAILED);
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("stopping the worker: Python and Java workers cannot share consumer group " + id
                            + ": give the Java app another id/version (see docs/python-interop.md)");
            assertThat(python.assignment()).as("the Python side keeps its partitions").hasSize(2);
        } finally {
            log.detachAppender(logged);
        }
    }
}
