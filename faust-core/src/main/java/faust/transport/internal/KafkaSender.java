package faust.transport.internal;

import faust.FaustException;
import faust.SendResult;
import faust.Setting;
import faust.Settings;
import faust.internal.Sender;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The worker's one producer (thread-safe). Remembers the first send that failed for good, so the
 * worker never commits input offsets past output that was lost.
 */
public final class KafkaSender implements Sender {
    private final KafkaProducer<byte[], byte[]> producer;
    private final boolean standalone;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private KafkaSender(KafkaProducer<byte[], byte[]> producer, boolean standalone) {
        this.producer = producer;
        this.standalone = standalone;
    }

    /**
     * @param settings resolved settings
     * @param clientId client id
     * @param standalone whether the app closes it (outside a worker)
     * @return a connected producer
     */
    public static KafkaSender create(Settings settings, String clientId, boolean standalone) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.duration(Setting.PRODUCER_LINGER).toMillis()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(Math.max(10_000, settings.duration(Setting.BROKER_CONNECT_TIMEOUT).toMillis())));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaSender(new KafkaProducer<>(p), standalone);
    }

    @Override
    public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                              Map<String, byte[]> headers) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        RecordHeaders h = null;
        if (!headers.isEmpty()) {
            h = new RecordHeaders();
            for (Map.Entry<String, byte[]> e : headers.entrySet()) {
                h.add(e.getKey(), e.getValue());
            }
        }
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, key, value, h), (md, err) -> {
                if (err != null) {
                    failure.compareAndSet(null, err);
                    result.completeExceptionally(new FaustException("sending to topic " + topic + " failed: "
                            + err.getMessage(), err));
                } else {
                    result.complete(new SendResult(md.topic(), md.partition(), md.offset(), md.timestamp()));
                }
            });
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            result.completeExceptionally(new FaustException("sending to topic " + topic + " failed: "
                    + e.getMessage(), e));
        }
        return result;
    }

    @Override
    public void flush() {
        producer.flush();
    }

    /**
     * Flushes, then fails when any send so far failed for good.
     *
     * @throws FaustException naming the first failure
     */
    public void flushAndCheck() {
        producer.flush();
        Throwable t = failure.get();
        if (t != null) {
            throw new FaustException("a record the worker produced was not acknowledged by the broker ("
                    + t.getMessage() + "): stopping without committing the input that produced it", t);
        }
    }

    /**
     * Flushes with a bound (cold shutdown); the flush goes on in the background after a timeout.
     *
     * @param timeout how long to wait
     * @return true when every record sent so far was acknowledged in time and none failed
     */
    public boolean flushWithin(Duration timeout) {
        Thread t = Thread.ofVirtual().name("faust-flush").start(producer::flush);
        try {
            if (!t.join(timeout)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return failure.get() == null;
    }

    @Override
    public boolean standalone() {
        return standalone;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** Closes at once, dropping what was not sent (cold shutdown after a failure). */
    public void closeNow() {
        producer.close(Duration.ZERO);
    }
}
