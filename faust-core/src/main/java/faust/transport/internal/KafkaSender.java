package faust.transport.internal;

import faust.FaustException;
import faust.SendResult;
import faust.Settings;
import faust.internal.Sender;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The worker's one producer (thread-safe). Remembers the first send that failed for good, so the
 * worker never commits input offsets past output that was lost.
 */
public final class KafkaSender implements Sender {
    private final Producer<byte[], byte[]> producer;
    private final boolean standalone;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param producer a producer of raw bytes
     * @param standalone whether the app closes it (outside a worker)
     */
    public KafkaSender(Producer<byte[], byte[]> producer, boolean standalone) {
        this.producer = producer;
        this.standalone = standalone;
    }

    /**
     * @param clients makes the producer
     * @param settings resolved settings
     * @param clientId client id
     * @param standalone whether the app closes it (outside a worker)
     * @return a connected producer
     */
    public static KafkaSender create(KafkaClients clients, Settings settings, String clientId, boolean standalone) {
        return new KafkaSender(clients.producer(new ClientConfigs(settings).producer(clientId, standalone)), standalone);
    }

    private static RecordHeaders headers(Map<String, byte[]> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        RecordHeaders h = new RecordHeaders();
        for (Map.Entry<String, byte[]> e : headers.entrySet()) {
            h.add(e.getKey(), e.getValue());
        }
        return h;
    }

    @Override
    public void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers,
                     BiConsumer<Object, Throwable> done) {
        try {
            producer.send(new ProducerRecord<>(topic, null, null, key, value, headers(headers)), (md, err) -> {
                if (err != null) {
                    failure.compareAndSet(null, err);
                }
                done.accept(md, err);
            });
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            done.accept(null, e);
        }
    }

    @Override
    public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                              Map<String, byte[]> headers) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        RecordHeaders h = headers(headers);
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
