package faust.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.Event;
import faust.Topic;
import faust.codecs.Golden.Sample;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Keys and values through a real worker with the default codecs (keys raw, values json). */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CodecsIT {
    @TempDir
    Path tmp;

    private static void produce(String topic, List<byte[][]> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.servers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[][] kv : records) {
                producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
            producer.flush();
        }
    }

    private static List<String> hex(List<byte[][]> records) {
        return records.stream().map(kv -> (kv[0] == null ? "null" : HexFormat.of().formatHex(kv[0])) + "="
                + (kv[1] == null ? "null" : HexFormat.of().formatHex(kv[1]))).toList();
    }

    /** Issue 9: a byte[] value came out as a base64 JSON string ("hello" -> "aGVsbG8="). */
    @Test
    void bytesPassThroughAWorkerUnchanged() throws Exception {
        String id = EmbeddedKafka.uniqueName("bytes");
        String in = id + "-in";
        String out = id + "-out";
        Kafka.createTopic(in, 2);
        Kafka.createTopic(out, 2);
        App app = App.create(id);
        Topic<byte[], byte[]> input = app.topic(in, byte[].class, byte[].class);
        Topic<byte[], byte[]> output = app.topic(out, byte[].class, byte[].class);
        app.agent(input, stream -> {
            for (Event<byte[], byte[]> e : stream.events()) {
                output.send(e.key(), e.value()).get(30, TimeUnit.SECONDS);
            }
        });
        List<byte[][]> sent = new ArrayList<>();
        sent.add(new byte[][] {"k".getBytes(), "hello".getBytes()});
        sent.add(new byte[][] {null, new byte[] {(byte) 0xff, (byte) 0xfe, 0, '"'}}); // not UTF-8, not JSON
        sent.add(new byte[][] {new byte[0], new byte[0]});
        sent.add(new byte[][] {"\"json\"".getBytes(), "{\"a\":1}".getBytes()}); // JSON stays as it is too
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            byte[] k = new byte[r.nextInt(1, 12)];
            byte[] v = new byte[r.nextInt(0, 300)];
            r.nextBytes(k);
            r.nextBytes(v);
            sent.add(new byte[][] {k, v});
        }
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        try {
            produce(in, sent);
            List<ConsumerRecord<byte[], byte[]>> got = Kafka.readAll(out, sent.size(), Duration.ofSeconds(60));
            List<byte[][]> received = got.stream().map(c -> new byte[][] {c.key(), c.value()}).toList();
            assertThat(hex(received)).containsExactlyInAnyOrderElementsOf(hex(sent));
        } finally {
            assertThat(Workers.stop(w, faust.StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }

    /** Issue 12's acceptance: Sample read as Faust wrote it, every field right, re-sent byte for byte. */
    @Test
    void aJavaRelayOfFaustRecordsWritesWhatFaustsRelayWrote() throws Exception {
        String id = EmbeddedKafka.uniqueName("relay");
        String in = id + "-samples-in";
        String out = id + "-samples-out";
        Kafka.createTopic(in, 8);
        Kafka.createTopic(out, 8);
        App app = App.create(id);
        Topic<String, Sample> samplesIn = app.topic(in, String.class, Sample.class);
        Topic<String, Sample> samplesOut = app.topic(out, String.class, Sample.class);
        List<Sample> decoded = new CopyOnWriteArrayList<>();
        app.agent(samplesIn, stream -> {
            for (Event<String, Sample> e : stream.events()) {
                decoded.add(e.value());
                samplesOut.send(e.key(), e.value()).get(30, TimeUnit.SECONDS);
            }
        });
        List<WireSamples.Rec> faustIn = WireSamples.topic("01-record-model.txt", "samples-in");
        List<WireSamples.Rec> faustOut = WireSamples.topic("01-record-model.txt", "samples-out");
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        try {
            produce(in, faustIn.stream().map(r -> new byte[][] {r.key(), r.value()}).toList());
            List<ConsumerRecord<byte[], byte[]>> got = Kafka.readAll(out, 2, Duration.ofSeconds(60));
            assertThat(got).hasSize(2);
            for (ConsumerRecord<byte[], byte[]> c : got) {
                WireSamples.Rec faust = faustOut.stream().filter(f -> java.util.Arrays.equals(f.key(), c.key()))
                        .findFirst().orElseThrow();
                GoldenWireTest.assertSameBytes(c.value(), faust.value());
                assertThat(c.partition()).as("murmur2 of the key, as Faust").isEqualTo(faust.partition());
            }
            assertThat(decoded).containsExactlyInAnyOrder(Golden.SAMPLE1, Golden.SAMPLE2);

            // a value that does not fit goes to the error policy (dead letter by default), its field named
            byte[] bad = new String(faustIn.get(1).value(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"i\":-1", "\"i\":\"x\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            produce(in, List.<byte[][]>of(new byte[][] {"k3".getBytes(), bad}));
            List<ConsumerRecord<byte[], byte[]>> dead = Kafka.readAll(id + "-__dead-letter", 1, Duration.ofSeconds(60));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(bad);
            assertThat(new String(dead.get(0).headers().lastHeader("faust.error").value(),
                    java.nio.charset.StandardCharsets.UTF_8)).endsWith("Sample.i: expected an integer, got \"x\"");
        } finally {
            assertThat(Workers.stop(w, faust.StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }
}
