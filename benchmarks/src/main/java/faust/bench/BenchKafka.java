package faust.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain kafka-clients helpers shared by the coordinator and the cases. */
public final class BenchKafka {
    private static final long TIMEOUT_S = 60;

    private BenchKafka() {
    }

    /**
     * @param bootstrap bootstrap servers
     * @return an admin client
     */
    public static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin");
        return Admin.create(p);
    }

    /**
     * Producer settings every pass-through case uses, so that only the processing differs: acks=all,
     * idempotent, the same linger and a 64 KiB batch (Faust's own producer settings).
     *
     * @param bootstrap bootstrap servers
     * @param lingerMs linger.ms
     * @return producer properties with byte[] serializers
     */
    public static Properties producerProps(String bootstrap, int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * Consumer settings of the pass-through cases: a group, from the beginning, manual commits, 1000
     * records per poll (Faust's broker_max_poll_records and Kafka Streams' default), classic protocol.
     *
     * @param bootstrap bootstrap servers
     * @param group the group
     * @return consumer properties with byte[] deserializers
     */
    public static Properties consumerProps(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * Creates a topic; an existing one is left as it is.
     *
     * @param admin admin client
     * @param name topic
     * @param partitions partitions
     * @return true when it was created, false when it existed
     * @throws Exception when the broker refused
     */
    public static boolean createTopic(Admin admin, String name, int partitions) throws Exception {
        return createTopic(admin, new NewTopic(name, partitions, (short) 1));
    }

    /**
     * Creates a topic with its configs; an existing one is left as it is.
     *
     * @param admin admin client
     * @param topic name, partitions, replication and configs
     * @return true when it was created, false when it existed
     * @throws Exception when the broker refused
     */
    public static boolean createTopic(Admin admin, NewTopic topic) throws Exception {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            awaitWritable(admin, topic.name(), topic.numPartitions());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Waits until every partition answers ListOffsets: an idempotent producer writing to a topic seconds old
     * can otherwise lose its first batch for good (KAFKA-15591).
     */
    private static void awaitWritable(Admin admin, String name, int partitions) throws Exception {
        java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> query =
                new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new org.apache.kafka.common.TopicPartition(name, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                admin.listOffsets(query).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * @param admin admin client
     * @param topic topic
     * @return partitions of the topic, or -1 when it does not exist
     * @throws Exception when the broker did not answer
     */
    public static int partitionsOf(Admin admin, String topic) throws Exception {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            return d.get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }

    /**
     * @param admin admin client
     * @param topic topic
     * @return end offset of every partition
     * @throws Exception when the broker did not answer
     */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int n = partitionsOf(admin, topic);
        if (n < 0) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (int i = 0; i < n; i++) {
            req.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(req).all().get(TIMEOUT_S, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * @param offsets offsets per partition
     * @return their sum
     */
    public static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Deletes every topic whose name starts with the prefix, and the consumer group named like it.
     *
     * @param admin admin client
     * @param prefix the run's prefix
     * @return the topics deleted
     */
    public static List<String> deleteRun(Admin admin, String prefix) {
        List<String> deleted = new ArrayList<>();
        try {
            Set<String> names = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            // a Faust repartition topic is <agent>-<source>-<name>-repartition: the run names it with its prefix
            deleted = names.stream().filter(n -> n.startsWith(prefix) || n.contains("-" + prefix + "-")).sorted()
                    .collect(Collectors.toList());
            if (!deleted.isEmpty()) {
                admin.deleteTopics(deleted).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("warning: could not delete the topics of " + prefix + ": " + e);
        }
        try {
            admin.deleteConsumerGroups(List.of(prefix)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no such group (the latency and lifecycle cases may use none), or still shutting down
        }
        return deleted;
    }

    /** @return a short pause for polling loops */
    public static Duration pollPause() {
        return Duration.ofMillis(20);
    }
}
