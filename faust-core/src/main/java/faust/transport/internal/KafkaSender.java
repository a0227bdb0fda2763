package faust.transport.internal;

import faust.FaustException;
import faust.SendResult;
import faust.Settings;
import faust.internal.Sender;
import faust.sensors.internal.SendMeters;
import faust.sensors.internal.SendSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The worker's one producer (thread-safe). Remembers the first send that failed for good, so the
 * worker never commits input offsets past output that was lost. Its counts of records sent by topic are the
 * producer's own ({@link #byTopic()}); a sample of the sends is timed ({@link #measure(SendMeters)}).
 */
public final class KafkaSender implements Sender, SendSource {
    private final Producer<byte[], byte[]> producer;
    private final boolean standalone;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile SendMeters meters = SendMeters.NONE;

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

    /** @param meters times a sample of the sends from now on */
    public void measure(SendMeters meters) {
        this.meters = meters;
    }

    /** @return records sent and not sent, by topic, as the producer counted them */
    @Override
    public Map<String, Counts> byTopic() {
        Map<String, double[]> m = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
            MetricName n = e.getKey();
            String topic = n.tags().get("topic");
            if (topic == null || !n.group().equals("producer-topic-metrics")) {
                continue;
            }
            int i = switch (n.name()) {
                case "record-send-total" -> 0;
                case "record-error-total" -> 1;
                default -> -1;
            };
            if (i >= 0 && e.getValue().metricValue() instanceof Number v) {
                m.computeIfAbsent(topic, t -> new double[2])[i] += v.doubleValue();
            }
        }
        Map<String, Counts> out = new HashMap<>();
        m.forEach((t, v) -> out.put(t, new Counts((long) v[0], (long) v[1])));
        return out;
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
            SendMeters m = meters;
            long started = m.start();
            producer.send(new ProducerRecord<>(topic, null, null, key, value, headers(headers)), (md, err) -> {
                m.acked(started);
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
        SendMeters m = meters;
        long started = m.start();
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, key, value, h), (md, err) -> {
                m.acked(started);
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
