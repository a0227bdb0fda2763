package faust.testing;

import faust.devbroker.junit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain kafka-clients helpers for tests: create topics, produce, read back, read committed offsets. */
public final class Kafka {
    private Kafka() {
    }

    public static String servers() {
        return EmbeddedKafka.bootstrapServers();
    }

    /** Creates a topic and waits until its partitions are ready to be written to (KAFKA-15591). */
    public static void createTopic(String name, int partitions) {
        EmbeddedKafka.createTopic(name, partitions);
    }

    /** Sends values (JSON strings) to a partition, in order, and waits for the acks. */
    public static void sendJsonStrings(String topic, Integer partition, List<String> values) throws Exception {
        List<byte[]> raw = values.stream().map(v -> ("\"" + v + "\"").getBytes(StandardCharsets.UTF_8)).toList();
        sendRaw(topic, partition, raw);
    }

    public static void sendRaw(String topic, Integer partition, List<byte[]> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, v)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads every record of a topic from the beginning until {@code expected} were read or the time ran out. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration within) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, EmbeddedKafka.uniqueName("reader"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads every partition of a topic from its beginning to its end offsets as they are now.
     *
     * @param topic the topic
     * @param isolation {@code read_committed} or {@code read_uncommitted}
     * @param within how long it may take
     * @return the records, each partition's in order
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic, String isolation, Duration within) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            var tps = c.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            var end = c.endOffsets(tps);
            long deadline = System.nanoTime() + within.toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topic + " to its end took over " + within);
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    public static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toList());
    }

    /** @return committed offset of the group for topic-partition, or -1 */
    public static long committed(String group, String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers()))) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata om = m.get(new TopicPartition(topic, partition));
            return om == null ? -1 : om.offset();
        }
    }

    /** @return the number of records in some partitions of a topic */
    public static long size(String topic, java.util.Collection<Integer> partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers()))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> q = new java.util.HashMap<>();
            partitions.forEach(p -> q.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(q).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }

    /** @return the number of records in a topic (sum of its partitions' end offsets) */
    public static long size(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers()))) {
            var desc = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> q = new java.util.HashMap<>();
            desc.partitions().forEach(p -> q.put(new TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(q).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }

    public static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    /** @return the topic's partition count, or null when it does not exist */
    public static Integer partitions(String topic) throws Exception {
        if (!topics().contains(topic)) {
            return null;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        }
    }
}
