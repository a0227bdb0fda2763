package faust.bench.cases;

import faust.bench.BenchKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The hand-written kafka-clients consume→produce loops that are the baseline, on one platform thread:
 * <ul>
 *   <li>{@code perPoll}: poll, send every record, flush, {@code commitSync()} — once per poll;</li>
 *   <li>{@code batched}: a transactional producer; every {@code commitEvery} records or
 *       {@code commitIntervalMs}, {@code sendOffsetsToTransaction} + {@code commitTransaction};</li>
 *   <li>{@link #transactionEvery}: the same with client defaults and one transaction per interval only.</li>
 * </ul>
 * Both are at-least-once for the input (read_uncommitted), acks=all, and send each record to the output
 * with its key (the default partitioner picks the partition), like the Faust agent does.
 */
final class RawLoop implements Runnable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Properties consumerProps;
    private final Properties producerProps;
    private final String input;
    private final String output;
    private final boolean batched;
    private final int commitEvery;
    private final long commitIntervalNanos;
    private final Meter meter;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Callback callback = (md, err) -> {
        if (err != null) {
            fail("send failed: " + err);
        }
    };
    private volatile boolean stop;
    private volatile boolean ready;
    private volatile long transactions;
    private Thread thread;

    RawLoop(String bootstrap, String group, String input, String output, int lingerMs, boolean batched,
            int commitEvery, int commitIntervalMs, Meter meter) {
        this(BenchKafka.consumerProps(bootstrap, group), BenchKafka.producerProps(bootstrap, lingerMs), group, input,
                output, batched, commitEvery, commitIntervalMs, meter);
    }

    /**
     * The strongest hand-written loop we know (DESIGN §7's baseline): one transaction every
     * {@code commitIntervalMs} whatever the number of records in it, kafka-clients defaults for everything
     * else (linger, batch size, max.poll.records, acks, idempotence), only what a consume→produce loop
     * must set: the group, reading from the beginning, no auto-commit, a transactional id.
     */
    static RawLoop transactionEvery(String bootstrap, String group, String input, String output,
                                    int commitIntervalMs, Meter meter) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new RawLoop(c, p, group, input, output, true, Integer.MAX_VALUE, commitIntervalMs, meter);
    }

    private RawLoop(Properties consumerProps, Properties producerProps, String group, String input, String output,
                    boolean batched, int commitEvery, int commitIntervalMs, Meter meter) {
        this.consumerProps = consumerProps;
        this.producerProps = producerProps;
        if (batched) {
            producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-tx");
        }
        this.input = input;
        this.output = output;
        this.batched = batched;
        this.commitEvery = commitEvery;
        this.commitIntervalNanos = commitIntervalMs * 1_000_000L;
        this.meter = meter;
    }

    void start() {
        thread = Thread.ofPlatform().name(batched ? "raw-batched-loop" : "raw-loop").start(this);
    }

    /** @return true once the consumer has partitions */
    boolean ready() {
        return ready;
    }

    String failure() {
        return failure.get();
    }

    long transactions() {
        return transactions;
    }

    void stopAndJoin() throws InterruptedException {
        stop = true;
        if (thread != null) {
            thread.join(Duration.ofSeconds(60));
        }
    }

    private void fail(String why) {
        failure.compareAndSet(null, why);
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            consumer.subscribe(List.of(input));
            if (batched) {
                producer.initTransactions();
                runBatched(consumer, producer);
            } else {
                runPerPoll(consumer, producer);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            fail(t.toString());
        }
    }

    private void runPerPoll(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
        while (!stop && failure.get() == null) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (!ready && !consumer.assignment().isEmpty()) {
                ready = true;
            }
            if (records.isEmpty()) {
                continue;
            }
            if (meter != null) {
                meter.begin();
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(output, r.key(), r.value()), callback);
            }
            producer.flush();
            if (failure.get() != null) {
                return; // never commit input whose output was lost
            }
            consumer.commitSync();
        }
    }

    private void runBatched(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
        Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
        boolean inTx = false;
        long txStart = 0;
        int inTxCount = 0;
        while (!stop && failure.get() == null) {
            Duration poll = POLL;
            if (inTx) {
                long left = txStart + commitIntervalNanos - System.nanoTime();
                poll = Duration.ofNanos(Math.max(1_000_000, Math.min(left, POLL.toNanos())));
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(poll);
            if (!ready && !consumer.assignment().isEmpty()) {
                ready = true;
            }
            if (!records.isEmpty()) {
                if (meter != null) {
                    meter.begin();
                }
                if (!inTx) {
                    producer.beginTransaction();
                    inTx = true;
                    txStart = System.nanoTime();
                }
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> recs = records.records(tp);
                    for (ConsumerRecord<byte[], byte[]> r : recs) {
                        producer.send(new ProducerRecord<>(output, r.key(), r.value()), callback);
                    }
                    pending.put(tp, new OffsetAndMetadata(recs.get(recs.size() - 1).offset() + 1));
                    inTxCount += recs.size();
                }
            }
            if (inTx && (inTxCount >= commitEvery || System.nanoTime() - txStart >= commitIntervalNanos)) {
                producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
                producer.commitTransaction(); // flushes; throws when a send failed
                transactions++;
                pending.clear();
                inTx = false;
                inTxCount = 0;
            }
        }
        if (inTx) {
            producer.abortTransaction();
        }
    }
}
