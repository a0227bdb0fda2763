package faust.cli.e2e;

import faust.devbroker.junit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The embedded broker seen from the test: topics, plain producer, committed offsets. */
final class Kafka {
    private Kafka() {
    }

    static String url() {
        return "kafka://" + EmbeddedKafka.bootstrapServers();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers()));
    }

    /** Creates the topic before any worker does, so the test knows its partitions. */
    static void createTopic(String topic, int partitions) {
        EmbeddedKafka.createTopic(topic, partitions); // waits until writable (KAFKA-15591)
    }

    /**
     * Sends JSON strings.
     *
     * @param topic the topic
     * @param partitionsAndValues partition, value, partition, value, ...
     * @return what was sent, with its offsets
     */
    static List<E2eApp.Done> send(String topic, List<Map.Entry<Integer, String>> partitionsAndValues) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
            for (Map.Entry<Integer, String> pv : partitionsAndValues) {
                byte[] json = ("\"" + pv.getValue() + "\"").getBytes(StandardCharsets.UTF_8);
                futures.add(producer.send(new ProducerRecord<>(topic, pv.getKey(), null, json)));
            }
            List<E2eApp.Done> sent = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                RecordMetadata md = futures.get(i).get(30, TimeUnit.SECONDS);
                sent.add(new E2eApp.Done(md.partition(), md.offset(), partitionsAndValues.get(i).getValue()));
            }
            return sent;
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + topic, e);
        }
    }

    /**
     * @param group the consumer group (the app id)
     * @param topic the topic
     * @return committed offsets of the topic's partitions, by partition; partitions without a commit are absent
     */
    static Map<Integer, Long> committed(String group, String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> out = new TreeMap<>();
            offsets.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) {
                    out.put(tp.partition(), om.offset());
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("reading the offsets of " + group, e);
        }
    }
}
