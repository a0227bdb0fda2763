package faust.transport.internal;

import static org.awaitility.Awaitility.await;

import faust.Agent;
import faust.AgentFunction;
import faust.App;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.ErrorPolicy;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.Codecs;
import faust.internal.AgentImpl;
import faust.internal.AppAccess;
import faust.spi.Apps;
import faust.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real fetcher, dispatcher, committer, agent runners and error policy over Kafka's MockConsumer and
 * MockProducer and a manual clock: no broker. One agent reading topic {@code in} (JSON values).
 */
final class FetcherHarness implements AutoCloseable {
    static final String TOPIC = "in";
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(3);

    /** A MockConsumer whose empty polls yield briefly (MockConsumer returns at once), recording commits. */
    static final class Consumer0 extends MockConsumer<byte[], byte[]> {
        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Map.Entry<TopicPartition, Long>> seeks = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Runnable onCommit = () -> { };

        Consumer0() {
            super("earliest");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> r = super.poll(timeout);
            if (r.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            return r;
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
            onCommit.run();
            commits.add(Map.copyOf(offsets));
            super.commitAsync(offsets, callback);
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            seeks.add(Map.entry(partition, offset));
            super.seek(partition, offset);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            onCommit.run();
            commits.add(Map.copyOf(offsets));
            super.commitSync(offsets);
        }
    }

    /** JSON, but only strings decode (plain text is delivered as text by the json codec for Object). */
    static final Codec<Object> JSON_STRINGS = new Codec<>() {
        private final Codec<Object> json = Codecs.json(Object.class);

        @Override
        public String name() {
            return "json-strings";
        }

        @Override
        public byte[] encode(Object value) {
            return json.encode(value);
        }

        @Override
        public Object decode(byte[] data) {
            if (data != null && (data.length == 0 || data[0] != '"')) {
                throw new CodecException("not a JSON string", null);
            }
            return json.decode(data);
        }
    };

    final App app = App.create("t");
    final ManualClock clock = new ManualClock();
    final Consumer0 consumer = new Consumer0();
    final MockProducer<byte[], byte[]> producer;
    final KafkaSender sender;
    final AtomicReference<String> stopRequested = new AtomicReference<>();
    final List<AgentRunner<?, ?>> runners = new ArrayList<>();
    final Fetcher fetcher;

    /**
     * @param producer the producer the worker sends through
     * @param fn the agent's loop
     * @param concurrency its instances
     * @param settings more settings (error_policy, stream_buffer_maxsize...)
     */
    FetcherHarness(MockProducer<byte[], byte[]> producer, AgentFunction<byte[], Object> fn, int concurrency,
                   Map<Setting, String> settings) {
        this(producer, app -> fn, concurrency, settings);
    }

    /**
     * @param producer the producer the worker sends through
     * @param fn the agent's loop, made with the harness's app (to send to its topics)
     * @param concurrency its instances
     * @param settings more settings (error_policy, stream_buffer_maxsize...)
     */
    FetcherHarness(MockProducer<byte[], byte[]> producer, Function<App, AgentFunction<byte[], Object>> fn,
                   int concurrency, Map<Setting, String> settings) {
        this.producer = producer;
        boolean exactlyOnce = "exactly_once".equals(settings.get(Setting.PROCESSING_GUARANTEE));
        this.sender = exactlyOnce ? KafkaSender.transactional(() -> producer) : new KafkaSender(producer, false);
        Agent<byte[], Object> agent = app.agent(app.topic(TOPIC, byte[].class, Object.class,
                t -> t.valueCodec(JSON_STRINGS)), fn.apply(app), o -> o.concurrency(concurrency));
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BROKER_COMMIT_INTERVAL, new Settings.Flag("test", "3"));
        flags.put(Setting.SHUTDOWN_TIMEOUT, new Settings.Flag("test", "30"));
        settings.forEach((k, v) -> flags.put(k, new Settings.Flag("test", v)));
        Settings s = Apps.configure(app, Map.of(), flags);
        AppAccess.get().useSender(app, () -> sender);
        ErrorPolicy policy = new ErrorPolicy(ErrorPolicy.Kind.of(s.text(Setting.ERROR_POLICY)),
                (topic, key, value, headers) -> sender.send(topic, null, key, value, headers),
                "t-__dead-letter", stopRequested::set);
        runners.add(new AgentRunner<>((AgentImpl<byte[], Object>) agent, s.integer(Setting.STREAM_BUFFER_MAXSIZE),
                policy, clock));
        KafkaClients clients = new KafkaClients() {
            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return consumer;
            }

            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return producer;
            }

            @Override
            public Admin admin(Map<String, Object> config) {
                throw new UnsupportedOperationException("no admin in unit tests");
            }
        };
        fetcher = new Fetcher(new Fetcher.Parts(s, "t", runners, policy, null, new Fetcher.Listener() {
            @Override
            public void assigned(Set<faust.TopicPartition> assigned) {
            }

            @Override
            public void failed(Throwable error) {
                stopRequested.set("fetcher failed: " + error);
            }
        }, clients, exactlyOnce ? ExactlyOnceCommits.over(sender) : AtLeastOnceCommits.over(sender), clock));
    }

    static MockProducer<byte[], byte[]> autoCompleting() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static TopicPartition tp(int p) {
        return new TopicPartition(TOPIC, p);
    }

    /** Starts agents and fetcher; the group assigns these partitions (of topic {@code in}, from offset 0). */
    void start(int... partitions) {
        List<TopicPartition> tps = new ArrayList<>();
        Map<TopicPartition, Long> beginning = new java.util.HashMap<>();
        for (int p : partitions) {
            tps.add(tp(p));
            beginning.put(tp(p), 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        runners.forEach(AgentRunner::start);
        fetcher.start();
        consumer.schedulePollTask(() -> consumer.rebalance(tps));
        await("assignment").atMost(Duration.ofSeconds(10)).until(() -> fetcher.assignment().size() == tps.size());
    }

    /** Adds JSON string values to a partition, from offset {@code from}, fetched by a later poll. */
    void add(int partition, long from, String... values) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(TOPIC, partition, from + i, null,
                    values[i].getBytes(StandardCharsets.UTF_8)));
        }
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    }

    /** @return a JSON string value */
    static String json(String s) {
        return "\"" + s + "\"";
    }

    /** Moves the clock past the commit interval (the next loops commit). */
    void tick() {
        clock.advance(COMMIT_INTERVAL.plusMillis(1));
    }

    /** @return the offset last committed for a partition (as the consumer was asked to), or -1 */
    long committed(int partition) {
        long last = -1;
        for (Map<TopicPartition, OffsetAndMetadata> c : consumer.commits) {
            OffsetAndMetadata om = c.get(tp(partition));
            if (om != null) {
                last = om.offset();
            }
        }
        return last;
    }

    /**
     * Moves the clock past the commit interval and says whether the partition's commit reached an offset
     * (for Awaitility: each poll lets another periodic commit happen).
     *
     * @param partition the partition
     * @param offset the offset expected
     * @return whether it was committed
     */
    boolean tickUntilCommitted(int partition, long offset) {
        tick();
        return committed(partition) == offset;
    }

    /** Stops the fetcher and waits for it and the agents. */
    void stop(StopMode mode) throws InterruptedException {
        fetcher.stop(mode, clock.nanoTime() + Duration.ofSeconds(30).toNanos());
        if (!fetcher.awaitStopped(clock.nanoTime() + Duration.ofSeconds(30).toNanos())) {
            throw new AssertionError("the fetcher did not stop");
        }
        for (AgentRunner<?, ?> r : runners) {
            r.close();
            r.await(clock.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!consumer.closed()) {
            stop(StopMode.COLD);
        }
        runners.forEach(AgentRunner::interrupt);
    }
}
