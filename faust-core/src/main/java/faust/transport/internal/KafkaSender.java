package faust.transport.internal;

import faust.FaustException;
import faust.sensors.internal.SendMeters;
import faust.sensors.internal.SendSource;
import faust.SendResult;
import faust.Settings;
import faust.internal.Sender;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one producer (thread-safe). Remembers the first send that failed for good, so the
 * worker never commits input offsets past output that was lost.
 */
public final class KafkaSender implements Sender, SendSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSender.class);
    private static final int COMMIT_ATTEMPTS = 3;

    private volatile Producer<byte[], byte[]> producer;
    private final boolean standalone;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile SendMeters meters = SendMeters.NONE;
    /** Exactly-once: makes a new transactional producer (after it was fenced); null otherwise. */
    private final Supplier<Producer<byte[], byte[]>> remake;
    /** Exactly-once: sends share it, transaction boundaries (commit, abort, begin) take it exclusively. */
    private final ReentrantReadWriteLock tx;
    /** Exactly-once: number of the open transaction; a failed send counts only in the transaction it was in. */
    private volatile long txn;
    /** Exactly-once: the open transaction holds outputs of events that will not be committed: never commit it. */
    private volatile boolean poisoned;

    /**
     * @param producer a producer of raw bytes
     * @param standalone whether the app closes it (outside a worker)
     */
    public KafkaSender(Producer<byte[], byte[]> producer, boolean standalone) {
        this.producer = producer;
        this.standalone = standalone;
        this.remake = null;
        this.tx = null;
    }

    /**
     * A transactional sender (exactly-once): the producer's transactions are begun, committed and aborted here,
     * and a transaction is always open, so agents, timers and tables can send at any time.
     *
     * @param make makes a transactional producer (again after it was fenced); {@code initTransactions} is
     *     called here
     */
    private KafkaSender(Supplier<Producer<byte[], byte[]>> make) {
        this.standalone = false;
        this.remake = make;
        this.tx = new ReentrantReadWriteLock();
        Producer<byte[], byte[]> p = make.get();
        p.initTransactions();
        p.beginTransaction();
        this.producer = p;
    }

    /**
     * @param make makes a producer configured with a {@code transactional.id}
     * @return a transactional sender, its first transaction begun
     */
    public static KafkaSender transactional(Supplier<Producer<byte[], byte[]>> make) {
        return new KafkaSender(make);
    }

    /**
     * @param clients makes the producer
     * @param settings resolved settings
     * @param clientId client id
     * @param transactionalId the worker's transactional id (stable across restarts of the same worker)
     * @return a transactional sender (exactly-once), its first transaction begun
     */
    public static KafkaSender transactional(KafkaClients clients, Settings settings, String clientId,
                                            String transactionalId) {
        Map<String, Object> configs = new ClientConfigs(settings).transactionalProducer(clientId, transactionalId);
        return new KafkaSender(() -> clients.producer(configs));
    }

    /** @return whether this sender's producer is transactional (exactly-once) */
    public boolean transactional() {
        return tx != null;
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
        if (tx == null) {
            sendNow(topic, key, value, headers, done, 0);
            return;
        }
        tx.readLock().lock(); // see send(topic, partition, ...)
        try {
            sendNow(topic, key, value, headers, done, txn);
        } finally {
            tx.readLock().unlock();
        }
    }

    private void sendNow(String topic, byte[] key, byte[] value, Map<String, byte[]> headers,
                         BiConsumer<Object, Throwable> done, long inTxn) {
        SendMeters m = meters;
        long started = m.start();
        try {
            producer.send(new ProducerRecord<>(topic, null, null, key, value, headers(headers)), (md, err) -> {
                m.acked(started);
                if (err != null && inTxn == txn && !(err instanceof TransactionAbortedException)) {
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
        if (tx == null) {
            return sendNow(topic, partition, key, value, headers, 0);
        }
        // A transaction boundary (commit, abort) waits for sends in progress; a send waits for it to end.
        tx.readLock().lock();
        try {
            return sendNow(topic, partition, key, value, headers, txn);
        } finally {
            tx.readLock().unlock();
        }
    }

    private CompletableFuture<SendResult> sendNow(String topic, Integer partition, byte[] key, byte[] value,
                                                  Map<String, byte[]> headers, long inTxn) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        RecordHeaders h = headers(headers);
        SendMeters m = meters;
        long started = m.start();
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, key, value, h), (md, err) -> {
                m.acked(started);
                if (err != null) {
                    if (inTxn == txn && !(err instanceof TransactionAbortedException)) {
                        failure.compareAndSet(null, err);
                    }
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
     * Exactly-once: commits the open transaction with these input offsets, then begins the next one. Sends wait
     * meanwhile.
     *
     * @param offsets next offset to read, per input partition (may be empty: the outputs alone are committed)
     * @param group the consumer's group metadata (fences a worker that is no longer in the group's generation)
     * @throws KafkaException when the transaction could not be committed: {@link #abortTransaction()} next
     * @throws TimeoutException when committing kept timing out: the outcome is unknown, the worker must stop (a
     *     restart under the same transactional id completes or aborts it)
     */
    public void commitTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        tx.writeLock().lock();
        try {
            if (poisoned) {
                throw new KafkaException("the open transaction holds outputs of events whose offsets cannot be"
                        + " committed with it; it must be aborted");
            }
            Throwable t = failure.get();
            if (t != null) {
                throw new KafkaException("a record of the transaction was not acknowledged by the broker ("
                        + t.getMessage() + ")", t);
            }
            Producer<byte[], byte[]> p = producer;
            if (!offsets.isEmpty()) {
                try {
                    p.sendOffsetsToTransaction(offsets, group);
                } catch (TimeoutException e) {
                    // Nothing was committed yet: the transaction can only be aborted (e.g. a worker frozen meanwhile).
                    throw new KafkaException("sending the offsets into the transaction timed out (" + e.getMessage()
                            + ")", e);
                }
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    p.commitTransaction();
                    break;
                } catch (TimeoutException e) {
                    // Its outcome is unknown: only committing again may follow (an abort would be refused).
                    if (attempt >= COMMIT_ATTEMPTS) {
                        throw e;
                    }
                    LOG.warn("committing the transaction timed out ({}); retrying", e.getMessage());
                }
            }
            txn++;
            p.beginTransaction();
        } finally {
            tx.writeLock().unlock();
        }
    }

    /** Exactly-once: the open transaction must be aborted, never committed (it is split across a cut). */
    public void poison() {
        poisoned = true;
    }

    /**
     * Exactly-once: aborts the open transaction (nothing of it becomes visible to read_committed consumers) and
     * begins the next one. A producer that cannot abort (fenced, in a fatal state) is closed and made again under
     * the same transactional id, which aborts what the old one left open.
     *
     * @throws KafkaException when a new producer cannot be made either
     */
    public void abortTransaction() {
        tx.writeLock().lock();
        try {
            Producer<byte[], byte[]> p = producer;
            try {
                p.abortTransaction();
            } catch (KafkaException | IllegalStateException e) {
                // fenced, in a fatal state, or refusing after a timed-out call: a new producer under the same id
                // aborts what this one left open
                LOG.warn("the producer cannot abort its transaction ({}); making a new one", e.toString());
                try {
                    p.close(Duration.ZERO);
                } catch (KafkaException closing) {
                    LOG.debug("closing the fenced producer: {}", closing.toString());
                }
                p = remake.get();
                p.initTransactions();
                producer = p;
            }
            txn++;
            failure.set(null);
            poisoned = false;
            p.beginTransaction();
        } finally {
            tx.writeLock().unlock();
        }
    }

    @Override
    public boolean standalone() {
        return standalone;
    }

    @Override
    public void close() {
        if (tx != null) {
            // The caller committed or aborted the last transaction: nothing is pending, and a graceful close would
            // spend its whole timeout aborting the empty transaction begun after it. What was neither committed
            // nor aborted is never visible to read_committed readers (the coordinator aborts it).
            tx.writeLock().lock();
            try {
                producer.close(Duration.ZERO);
            } finally {
                tx.writeLock().unlock();
            }
            return;
        }
        producer.close(Duration.ofSeconds(30));
    }

    /** Closes at once, dropping what was not sent (cold shutdown after a failure). */
    public void closeNow() {
        producer.close(Duration.ZERO);
    }
}
