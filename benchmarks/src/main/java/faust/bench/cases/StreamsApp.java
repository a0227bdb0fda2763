package faust.bench.cases;

import faust.bench.CaseArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Runs a Kafka Streams topology the way the comparison needs it: at_least_once, one stream thread, the
 * same commit interval, producer linger, batch size and acks as the other cases, and an interceptor on
 * the main consumer that starts the {@link Meter} at the first fetched record.
 */
final class StreamsApp implements ThroughputCase.Running {
    private static volatile Meter meter;

    private final KafkaStreams streams;
    private final AtomicReference<String> failure = new AtomicReference<>();

    /** Starts the meter when the main consumer first returns records. */
    public static final class FirstFetch implements ConsumerInterceptor<byte[], byte[]> {
        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
            Meter m = meter;
            if (m != null && !records.isEmpty()) {
                m.begin();
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    StreamsApp(CaseArgs a, Topology topology, Meter m) {
        meter = m;
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, a.prefix());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, a.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                Guarantees.isExactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(a.commitIntervalMs()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, a.workdir().resolve("streams-state").toString());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.toString(a.lingerMs()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(64 * 1024));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), "true");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "1000");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG), FirstFetch.class.getName());
        streams = new KafkaStreams(topology, p);
        streams.setUncaughtExceptionHandler(e -> {
            e.printStackTrace();
            failure.compareAndSet(null, "stream thread failed: " + e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    KafkaStreams streams() {
        return streams;
    }

    @Override
    public String failure() {
        String f = failure.get();
        if (f == null && streams.state() == KafkaStreams.State.ERROR) {
            return "Kafka Streams is in state ERROR";
        }
        return f;
    }

    @Override
    public Map<String, Object> stop() {
        long t0 = System.nanoTime();
        boolean closed = streams.close(Duration.ofSeconds(60));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("close_ms", Meter.round((System.nanoTime() - t0) / 1e6));
        m.put("closed", closed);
        return m;
    }
}
