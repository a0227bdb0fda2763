package faust.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Fills the input topic once per broker: {@code records} records, keys drawn uniformly from
 * {@code keySpace} values ({@code k000000000012345}, {@code keySize} bytes), random {@code valueSize}-byte
 * values, spread over the partitions by Kafka's default (key hash) partitioner. An input topic that already
 * holds exactly that many records is reused (its name encodes the shape), so repeated runs against
 * {@code --broker} skip the load.
 */
public final class Preload {
    private Preload() {
    }

    /**
     * @param o the options
     * @return the input topic's name for this shape of input
     */
    public static String topicName(Options o) {
        return "bench-input-" + o.records() + "r-" + o.partitions() + "p-" + o.keySpace() + "k-" + o.keySize()
                + "x" + o.valueSize();
    }

    /**
     * @param k the key number
     * @param size bytes
     * @return {@code k} followed by the zero-padded number, {@code size} ASCII bytes
     */
    public static byte[] key(int k, int size) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) '0');
        b[0] = 'k';
        int v = k;
        for (int i = size - 1; i > 0 && v > 0; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return b;
    }

    /**
     * Makes sure the input topic holds the records, loading it when needed.
     *
     * @param admin admin client
     * @param bootstrap bootstrap servers
     * @param o the options
     * @param log where progress goes
     * @return the topic name
     * @throws Exception when the broker failed
     */
    public static String ensure(Admin admin, String bootstrap, Options o, PrintStream log) throws Exception {
        String topic = topicName(o);
        int parts = BenchKafka.partitionsOf(admin, topic);
        if (parts == o.partitions()) {
            long have = BenchKafka.sum(BenchKafka.endOffsets(admin, topic));
            if (have == o.records()) {
                log.printf("input: reusing %s (%,d records)%n", topic, have);
                return topic;
            }
        }
        if (parts >= 0) {
            log.printf("input: %s holds other data; recreating it%n", topic);
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (BenchKafka.partitionsOf(admin, topic) >= 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        BenchKafka.createTopic(admin, topic, o.partitions());
        long t0 = System.nanoTime();
        load(bootstrap, topic, o);
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<TopicPartition, Long> end = BenchKafka.endOffsets(admin, topic);
        long have = BenchKafka.sum(end);
        if (have != o.records()) {
            throw new IllegalStateException("input " + topic + " holds " + have + " records after loading "
                    + o.records());
        }
        log.printf("input: loaded %,d records into %s in %.1f s (%,.0f records/s)%n", have, topic, secs,
                have / secs);
        return topic;
    }

    /** Words in each pre-loaded sentence. */
    public static final int WORDS_PER_SENTENCE = 5;

    /**
     * @param o the options
     * @return the sentences topic's name for this shape of input
     */
    public static String sentencesTopicName(Options o) {
        return "bench-sentences-" + o.records() + "r-" + o.partitions() + "p-" + o.keySpace() + "w";
    }

    /**
     * Makes sure the sentences topic (the groupBy cases' input) holds {@code records} sentences, loading it when
     * needed: unkeyed, {@value #WORDS_PER_SENTENCE} words each drawn uniformly from {@code keySpace} words
     * ({@code w12345}), separated by single spaces, UTF-8.
     *
     * @param admin admin client
     * @param bootstrap bootstrap servers
     * @param o the options
     * @param log where progress goes
     * @return the topic name
     * @throws Exception when the broker failed
     */
    public static String ensureSentences(Admin admin, String bootstrap, Options o, PrintStream log) throws Exception {
        String topic = sentencesTopicName(o);
        int parts = BenchKafka.partitionsOf(admin, topic);
        if (parts == o.partitions() && BenchKafka.sum(BenchKafka.endOffsets(admin, topic)) == o.records()) {
            log.printf("sentences: reusing %s (%,d records)%n", topic, o.records());
            return topic;
        }
        if (parts >= 0) {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (BenchKafka.partitionsOf(admin, topic) >= 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        BenchKafka.createTopic(admin, topic, o.partitions());
        long t0 = System.nanoTime();
        Properties p = BenchKafka.producerProps(bootstrap, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        SplittableRandom random = new SplittableRandom(20240602L);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            StringBuilder sb = new StringBuilder();
            for (long i = 0; i < o.records() && failure.get() == null; i++) {
                sb.setLength(0);
                for (int w = 0; w < WORDS_PER_SENTENCE; w++) {
                    sb.append(w == 0 ? "w" : " w").append(random.nextInt(o.keySpace()));
                }
                producer.send(new ProducerRecord<>(topic, null, sb.toString().getBytes(StandardCharsets.UTF_8)),
                        (md, err) -> {
                            if (err != null) {
                                failure.compareAndSet(null, err);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        long have = BenchKafka.sum(BenchKafka.endOffsets(admin, topic));
        if (have != o.records()) {
            throw new IllegalStateException("sentences " + topic + " holds " + have + " records after loading "
                    + o.records());
        }
        log.printf("sentences: loaded %,d records into %s in %.1f s%n", have, topic, (System.nanoTime() - t0) / 1e9);
        return topic;
    }

    private static void load(String bootstrap, String topic, Options o) throws Exception {
        Properties p = BenchKafka.producerProps(bootstrap, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        SplittableRandom random = new SplittableRandom(20240601L);
        byte[][] keys = null;
        if (o.keySpace() <= 1_000_000) {
            keys = new byte[o.keySpace()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = key(i, o.keySize());
            }
        }
        byte[][] values = new byte[1024][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[o.valueSize()];
            random.nextBytes(values[i]);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < o.records(); i++) {
                int k = random.nextInt(o.keySpace());
                byte[] key = keys != null ? keys[k] : key(k, o.keySize());
                producer.send(new ProducerRecord<>(topic, key, values[(int) (i & 1023)]), (md, err) -> {
                    if (err != null) {
                        failure.compareAndSet(null, err);
                    }
                });
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
