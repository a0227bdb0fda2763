package faust.transport.internal;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes the worker's Kafka clients from configs built by {@link ClientConfigs} (modelled on Kafka Streams'
 * {@code KafkaClientSupplier}). {@link #REAL} makes real clients; unit tests pass one that returns
 * {@code MockConsumer}/{@code MockProducer}, so the fetcher, dispatcher and committer run without a broker.
 */
public interface KafkaClients {
    /** Real clients: {@link KafkaConsumer}, {@link KafkaProducer}, {@link Admin}. */
    KafkaClients REAL = new KafkaClients() {
        @Override
        public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
            return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> config) {
            return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public Admin admin(Map<String, Object> config) {
            return Admin.create(config);
        }
    };

    /**
     * @param config consumer configs (the group consumer or the changelog reader's)
     * @return a consumer of raw bytes
     */
    Consumer<byte[], byte[]> consumer(Map<String, Object> config);

    /**
     * @param config producer configs
     * @return a producer of raw bytes
     */
    Producer<byte[], byte[]> producer(Map<String, Object> config);

    /**
     * @param config admin configs
     * @return an admin client
     */
    Admin admin(Map<String, Object> config);
}
