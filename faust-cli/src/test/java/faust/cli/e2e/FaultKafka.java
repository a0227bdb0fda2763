package faust.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fault suite's view of a broker (the shared embedded one, or a dev broker in its own process): creates the
 * input topic, sends numbered events at a steady rate from a background thread (riding out a broker outage),
 * and reads back the pass-through's output, the count table's changelog and the dead-letter topic.
 */
final class FaultKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys of the events: {@code k0 .. k(KEYS-1)}; event {@code seq} has key {@code k(seq % KEYS)}. */
    static final int KEYS = 100;

    private final String servers;

    FaultKafka(String servers) {
        this.servers = servers;
    }

    static String key(long seq) {
        return "k" + (seq % KEYS);
    }

    void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // wait until every partition answers (KAFKA-15591)
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> q = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                q.put(new TopicPartition(name, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.listOffsets(q).all().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("creating topic " + name + " on " + servers, e);
        }
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] event(long seq) {
        return utf8("{\"seq\":" + seq + ",\"pad\":null}");
    }

    static byte[] event(long seq, String pad) {
        return pad == null ? event(seq) : utf8("{\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}");
    }

    /**
     * Sends events {@code 0 .. count-1} at about {@code perSecond} from a background thread; every send is
     * acknowledged before {@link Load#await} returns (so "events in" is exact).
     */
    Load load(String topic, long count, int perSecond) {
        return load(topic, count, perSecond, 0);
    }

    /** As {@link #load(String, long, int)}, each event with a pad of {@code padChars} characters (0: none). */
    Load load(String topic, long count, int perSecond, int padChars) {
        Load l = new Load(topic, count, perSecond, padChars <= 0 ? null : "x".repeat(padChars));
        l.thread.start();
        return l;
    }

    /** A background sender of numbered events. */
    final class Load {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acked = new AtomicLong();
        final AtomicReference<Throwable> failed = new AtomicReference<>();
        final Thread thread;
        volatile long finishedNanos;

        Load(String topic, long count, int perSecond, String pad) {
            thread = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> p = producer()) {
                    long start = System.nanoTime();
                    for (long seq = 0; seq < count; seq++) {
                        long due = start + (long) (seq * (1e9 / perSecond));
                        long wait = due - System.nanoTime();
                        if (wait > 1_000_000) {
                            Thread.sleep(wait / 1_000_000);
                        }
                        p.send(new ProducerRecord<>(topic, utf8(key(seq)), event(seq, pad)), (md, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
                        sent.incrementAndGet();
                    }
                    p.flush();
                } catch (Throwable t) {
                    failed.compareAndSet(null, t);
                } finally {
                    finishedNanos = System.nanoTime();
                }
            }, "fault-load");
            thread.setDaemon(true);
        }

        /** Waits until every event was sent and acknowledged. */
        void await(Duration atMost) throws InterruptedException {
            thread.join(atMost.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("the load did not finish within " + atMost + ": " + acked.get() + " acked");
            }
            if (failed.get() != null) {
                throw new AssertionError("the load failed after " + acked.get() + " events", failed.get());
            }
        }
    }

    /** Reads a whole topic from the beginning until {@code done} or the deadline. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, java.util.function.Predicate<Integer> done,
                                                 Duration atMost) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
                Map<TopicPartition, Long> ends = end;
                boolean atEnd = parts.stream().allMatch(tp -> c.position(tp) >= ends.get(tp));
                if (atEnd) {
                    if (done.test(out.size())) {
                        return out;
                    }
                    end = c.endOffsets(parts); // more may have come
                }
            }
            return out;
        }
    }

    /** @return the {@code seq} of each record of a pass-through output, in read order */
    static List<Long> seqs(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                out.add(JSON.readTree(r.value()).path("seq").asLong());
            } catch (java.io.IOException e) {
                throw new AssertionError("output record is not JSON: " + new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** @return the newest value of each key of a count table's changelog (Faust's form: JSON keys and values) */
    static Map<String, Long> latestCounts(List<ConsumerRecord<byte[], byte[]>> changelog) {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : changelog) {
            String k = new String(r.key(), StandardCharsets.UTF_8);
            try {
                if (k.startsWith("\"")) {
                    k = JSON.readTree(r.key()).asText();
                }
                JsonNode n = JSON.readTree(r.value());
                out.put(k, n.asLong());
            } catch (java.io.IOException e) {
                throw new AssertionError("changelog value is not JSON: " + new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** @return a header's value as text, or null */
    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
