package faust.bench.cases;

import faust.bench.BenchKafka;
import faust.bench.CaseArgs;
import faust.bench.Preload;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency at a fixed rate through one pass-through: the raw commit-per-poll loop or the Faust
 * agent. A generator thread offers {@code --rate} records/s to a fresh input topic, each value stamped
 * with its <em>intended</em> send time (so a generator that falls behind shows up as latency instead of
 * hiding it), and a reader thread takes the output topic and records now − intended in an HdrHistogram.
 * Generator and reader run in the case JVM (one clock), so the case's CPU includes them.
 */
public final class LatencyCase implements BenchCase {
    private final boolean faust;

    /** @param faust true for the Faust agent, false for the raw loop */
    public LatencyCase(boolean faust) {
        this.faust = faust;
    }

    @Override
    public Map<String, Object> run(CaseArgs a) throws Exception {
        String in = a.prefix() + "-in";
        String out = a.prefix() + "-out";
        try (Admin admin = BenchKafka.admin(a.bootstrap())) {
            BenchKafka.createTopic(admin, in, a.partitions());
            BenchKafka.createTopic(admin, out, a.partitions());
        }
        Meter meter = new Meter(a.brokerPid());
        RawLoop raw = null;
        FaustRunner worker = null;
        double readyMs;
        long t0 = System.nanoTime();
        if (faust) {
            worker = FaustRunner.start(FaustPassthrough.app(a, in, out, null), a, false);
            readyMs = worker.awaitReady(Duration.ofSeconds(60));
        } else {
            raw = new RawLoop(a.bootstrap(), a.prefix(), in, out, a.lingerMs(), false, a.commitEvery(),
                    a.commitIntervalMs(), null);
            raw.start();
            while (!raw.ready()) {
                if (raw.failure() != null) {
                    throw new IllegalStateException(raw.failure());
                }
                if (System.nanoTime() - t0 > 60_000_000_000L) {
                    throw new IllegalStateException("raw loop got no partitions within 60 s");
                }
                Thread.sleep(1);
            }
            readyMs = (System.nanoTime() - t0) / 1e6;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.putAll(measure(a, in, out, meter, raw, worker));
        } finally {
            if (raw != null) {
                raw.stopAndJoin();
            }
            if (worker != null) {
                m.putAll(worker.stop());
            }
        }
        m.put("ready_ms", Meter.round(readyMs));
        return m;
    }

    private Map<String, Object> measure(CaseArgs a, String in, String out, Meter meter, RawLoop raw,
                                        FaustRunner worker) throws Exception {
        long total = (long) a.rate() * (a.latencySeconds() + a.latencyWarmupSeconds());
        long intervalNanos = 1_000_000_000L / a.rate();
        Histogram histogram = new Histogram(600_000_000L, 3); // microseconds, up to 10 minutes
        AtomicLong received = new AtomicLong();
        AtomicReference<String> readerFailure = new AtomicReference<>();
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + a.latencyWarmupSeconds() * 1_000_000_000L;

        Reader reader = new Reader(a.bootstrap(), out, a.partitions(), histogram, received, measureFrom, readerFailure);
        Thread readerThread = Thread.ofPlatform().name("latency-reader").start(reader);
        reader.awaitAssigned();

        Properties pp = BenchKafka.producerProps(a.bootstrap(), 0);
        SplittableRandom random = new SplittableRandom(42);
        byte[][] keys = new byte[Math.min(a.keySpace(), 100_000)][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Preload.key(random.nextInt(a.keySpace()), a.keySize());
        }
        byte[] template = new byte[a.valueSize()];
        random.nextBytes(template);
        long sent = 0;
        long sendStart;
        long sendEnd;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
            AtomicReference<String> sendFailure = new AtomicReference<>();
            while (System.nanoTime() < start) {
                LockSupport.parkNanos(1_000_000);
            }
            sendStart = System.nanoTime();
            boolean measuring = false;
            while (sent < total) {
                long now = System.nanoTime();
                if (!measuring && now >= measureFrom) {
                    meter.begin();
                    measuring = true;
                }
                // send everything that is due; each record carries the time it was due
                while (sent < total) {
                    long intended = start + sent * intervalNanos;
                    if (intended > now) {
                        break;
                    }
                    byte[] value = template.clone();
                    ByteBuffer.wrap(value).putLong(0, intended);
                    producer.send(new ProducerRecord<>(in, keys[(int) (sent % keys.length)], value), (md, err) -> {
                        if (err != null) {
                            sendFailure.compareAndSet(null, err.toString());
                        }
                    });
                    sent++;
                }
                String f = sendFailure.get() != null ? sendFailure.get()
                        : raw != null ? raw.failure() : worker != null ? worker.failure() : readerFailure.get();
                if (f != null) {
                    throw new IllegalStateException(f);
                }
                long next = start + sent * intervalNanos - System.nanoTime();
                if (next > 0) {
                    LockSupport.parkNanos(Math.min(next, 1_000_000));
                }
            }
            sendEnd = System.nanoTime();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        meter.end(System.nanoTime());
        reader.stop();
        readerThread.join(10_000);
        Histogram h;
        synchronized (histogram) {
            h = histogram.copy();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", a.rate());
        m.put("sent", sent);
        m.put("send_rate", Meter.round(sent / ((sendEnd - sendStart) / 1e9)));
        m.put("received", received.get());
        m.put("missing", Math.max(0, total - received.get()));
        m.put("recorded", h.getTotalCount());
        m.put("p50_ms", ms(h.getValueAtPercentile(50)));
        m.put("p90_ms", ms(h.getValueAtPercentile(90)));
        m.put("p99_ms", ms(h.getValueAtPercentile(99)));
        m.put("p999_ms", ms(h.getValueAtPercentile(99.9)));
        m.put("max_ms", ms(h.getMaxValue()));
        m.put("mean_ms", Meter.round(h.getMean() / 1000.0));
        m.putAll(meter.result(h.getTotalCount()));
        return m;
    }

    private static double ms(long micros) {
        return Meter.round(micros / 1000.0);
    }

    /** Reads the output topic (no group: assigned all partitions from the beginning). */
    private static final class Reader implements Runnable {
        private final Properties props = new Properties();
        private final String topic;
        private final int partitions;
        private final Histogram histogram;
        private final AtomicLong received;
        private final long measureFrom;
        private final AtomicReference<String> failure;
        private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean stop;

        Reader(String bootstrap, String topic, int partitions, Histogram histogram, AtomicLong received,
               long measureFrom, AtomicReference<String> failure) {
            props.putAll(BenchKafka.consumerProps(bootstrap, "unused"));
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
            this.topic = topic;
            this.partitions = partitions;
            this.histogram = histogram;
            this.received = received;
            this.measureFrom = measureFrom;
            this.failure = failure;
        }

        void awaitAssigned() throws InterruptedException {
            assigned.await();
        }

        void stop() {
            stop = true;
        }

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                    tps.add(new TopicPartition(topic, i));
                }
                c.assign(tps);
                c.seekToBeginning(tps);
                tps.forEach(c::position);
                assigned.countDown();
                while (!stop) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        long intended = ByteBuffer.wrap(r.value()).getLong(0);
                        if (intended >= measureFrom) {
                            synchronized (histogram) {
                                histogram.recordValue(Math.min(Math.max(0, (now - intended) / 1000),
                                        histogram.getHighestTrackableValue()));
                            }
                        }
                        received.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                t.printStackTrace();
                failure.compareAndSet(null, "reader failed: " + t);
                assigned.countDown();
            }
        }
    }
}
