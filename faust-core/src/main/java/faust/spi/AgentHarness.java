package faust.spi;

import faust.Agent;
import faust.App;
import faust.Event;
import faust.TopicPartition;
import faust.Setting;
import faust.Settings;
import faust.Topic;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.Delivery;
import faust.agents.internal.ErrorPolicy;
import faust.agents.internal.Intake;
import faust.agents.internal.PartitionTracker;
import faust.agents.internal.StreamImpl;
import faust.internal.AgentImpl;
import faust.internal.AppAccess;
import faust.internal.Clock;
import faust.internal.Replies;
import faust.internal.Sender;
import faust.internal.TableImpl;
import faust.internal.TopicImpl;
import faust.stores.StoreFactory;
import faust.stores.Stores;
import faust.tables.internal.TableRuntime;
import faust.transport.internal.DefaultPartitioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one agent of an app outside a worker, on the runtime's own code: the agent's runner (instances on
 * virtual threads, restart after a failure), the worker's decode-and-hand-off step ({@code Intake}: decode
 * once per topic type, error policy for undecodable messages) and ack bookkeeping (a tracker per partition;
 * an event is done when the loop moves past it). The app's sends go to a given {@link RecordSender} while
 * the harness is open. Used by {@code faust-testkit}'s {@code AgentTester}.
 *
 * @param <K> key type of the agent's topic
 * @param <V> value type of the agent's topic
 */
public final class AgentHarness<K, V> implements AutoCloseable {
    /**
     * A failure the app's error policy handled (or, for {@code stop}, turned into a stop request).
     *
     * @param where {@code agent <name>}, or {@code decoding <topic> as <type>}
     * @param topic the event's topic, or null when the agent failed outside of an event
     * @param partition its partition, or -1
     * @param offset its offset, or -1
     * @param key the event's key: decoded when the agent failed, the raw bytes when decoding failed
     * @param value the event's value: decoded when the agent failed, the raw bytes when decoding failed
     * @param error what was thrown
     */
    public record Failure(String where, String topic, int partition, long offset, Object key, Object value,
                          Throwable error) {
    }

    /** Told about failures and stop requests, on the agent's (or the feeding) thread. */
    public interface Listener {
        /** @param failure a failure, before the error policy handles it */
        void failed(Failure failure);

        /** @param reason why the error policy {@code stop} would stop the worker */
        void stopRequested(String reason);

        /**
         * The agent's stream declared a topic it reads ({@code groupBy}'s repartition topic, a {@code through}
         * topic), on the agent's thread: records sent to it from now on should be delivered with
         * {@link AgentHarness#deliver(String, int, long, long, byte[], byte[], Map)}.
         *
         * @param topic the topic's name
         */
        default void declared(String topic) {
        }
    }

    /**
     * One instance of the agent as it is now.
     *
     * @param thread its thread's name
     * @param alive whether its thread runs
     * @param current the event it is processing, or null
     * @param busy how long it has been processing it
     * @param stack the agent's own frames (the runtime's below them left out), or empty
     */
    public record Instance(String thread, boolean alive, Event<?, ?> current, Duration busy,
                           List<StackTraceElement> stack) {
    }

    private final App app;
    private final AgentImpl<K, V> agent;
    private final String owner;
    private final RecordSender sender;
    private final ErrorPolicy policy;
    private final AgentRunner<K, V> runner;
    private final Intake intake;
    private final Map<TopicPartition, PartitionTracker> trackers = new ConcurrentHashMap<>();
    private final LocalReplies replies;
    private final AtomicLong delivered = new AtomicLong();
    private final Clock clock = Clock.SYSTEM;
    private Supplier<Sender> previousSender;
    private TableRuntime tables;
    private Supplier<Replies> previousReplies;
    private boolean released;

    private AgentHarness(App app, AgentImpl<K, V> agent, String owner, RecordSender sender, Listener listener) {
        this.app = app;
        this.agent = agent;
        this.owner = owner;
        this.sender = sender;
        Settings settings = app.settings();
        this.policy = new ErrorPolicy(ErrorPolicy.Kind.of(settings.text(Setting.ERROR_POLICY)),
                (topic, key, value, headers) -> sender.send(topic, null, key, value, headers),
                app.groupId() + "-__dead-letter", listener::stopRequested);
        policy.observe((where, event, undecodable, error) -> listener.failed(event == null
                ? new Failure(where, null, -1, -1, null, null, error)
                : new Failure(where, event.topic(), event.partition(), event.offset(),
                        undecodable ? event.rawKey() : event.key(), undecodable ? event.rawValue() : event.value(),
                        error)));
        this.runner = new AgentRunner<>(agent, settings.integer(Setting.STREAM_BUFFER_MAXSIZE), policy, clock);
        this.intake = new Intake(List.of(runner), policy);
        this.replies = new LocalReplies(AppAccess.get().replyTopic(app), clock);
        runner.topics().declarer(topic -> listener.declared(topic.name()));
    }

    /**
     * Starts an agent with the app's sends going to {@code sender}; one harness per app at a time.
     *
     * @param app the app that declared the agent
     * @param agent the agent, as returned by {@code app.agent(...)}
     * @param owner names the caller in messages, e.g. {@code AgentTester}
     * @param sender where the app's records go while the harness is open
     * @param listener told about failures and stop requests
     * @param <K> key type
     * @param <V> value type
     * @return the running harness; {@link #close()} gives the app its producer back
     * @throws IllegalArgumentException when the agent was not declared by {@code app}
     * @throws IllegalStateException when another harness is open on {@code app}
     */
    public static <K, V> AgentHarness<K, V> start(App app, Agent<K, V> agent, String owner, RecordSender sender,
                                                  Listener listener) {
        if (!(agent instanceof AgentImpl<K, V> impl) || app.agents().stream().noneMatch(a -> a == agent)) {
            throw new IllegalArgumentException("agent " + (agent == null ? null : agent.name())
                    + " is not declared in app " + app.id() + ": pass the app whose app.agent(...) returned it");
        }
        AgentHarness<K, V> h = new AgentHarness<>(app, impl, owner, sender, listener);
        AtomicReference<Object> slot = AppAccess.get().exclusiveUse(app);
        if (!slot.compareAndSet(null, h)) {
            throw new IllegalStateException("an " + owner + " for agent " + ((AgentHarness<?, ?>) slot.get()).agent.name()
                    + " is still open on app " + app.id() + ": close it first (use try-with-resources)");
        }
        h.previousSender = AppAccess.get().useSender(app, () -> Senders.toRuntime(h.replies.capturing(sender)));
        h.previousReplies = AppAccess.get().useReplies(app, () -> h.replies);
        h.tables = memoryTables(app);
        h.runner.start();
        return h;
    }

    /**
     * The app's tables on memory stores, bound for the harness's life: the partitions of delivered events are
     * held, changelog records go nowhere, and no expiry sweep runs.
     */
    private static TableRuntime memoryTables(App app) {
        List<TableImpl<?, ?>> declared = new ArrayList<>();
        app.tables().forEach(t -> declared.add((TableImpl<?, ?>) t));
        if (declared.isEmpty()) {
            return null;
        }
        Map<String, Integer> partitions = new java.util.HashMap<>();
        Map<String, StoreFactory> stores = new java.util.HashMap<>();
        for (TableImpl<?, ?> t : declared) {
            partitions.put(t.name(), t.partitionsOption() != null ? t.partitionsOption()
                    : app.settings().integer(Setting.TOPIC_PARTITIONS));
            stores.put(t.name(), Stores.memory());
        }
        Sender nowhere = new Sender() {
            private final AtomicLong offsets = new AtomicLong();

            @Override
            public java.util.concurrent.CompletableFuture<faust.SendResult> send(String topic, Integer partition,
                    byte[] key, byte[] value, Map<String, byte[]> headers) {
                return java.util.concurrent.CompletableFuture.completedFuture(
                        new faust.SendResult(topic, partition == null ? 0 : partition, offsets.getAndIncrement(), 0));
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean standalone() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        TableRuntime r = new TableRuntime(declared, partitions, stores, nowhere, DefaultPartitioner.INSTANCE,
                Clock.SYSTEM);
        r.bind();
        return r;
    }

    /** @return the agent */
    public Agent<K, V> agent() {
        return agent;
    }

    /**
     * @param name a topic name
     * @return the topic of that name the agent's stream declared ({@code groupBy}, {@code through}), or null
     */
    public Topic<?, ?> declaredTopic(String name) {
        for (Topic<?, ?> t : runner.topics().declared()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** @return the dead-letter topic of the app's error policy */
    public String deadLetterTopic() {
        return policy.deadLetterTopic();
    }

    /**
     * Hands one message of the agent's (first) topic to the agent; see
     * {@link #deliver(String, int, long, long, byte[], byte[], Map)}.
     *
     * @param partition partition
     * @param offset offset
     * @param timestamp epoch milliseconds
     * @param key encoded key, or null
     * @param value encoded value, or null
     * @param headers headers, never null
     */
    public void deliver(int partition, long offset, long timestamp, byte[] key, byte[] value,
                        Map<String, byte[]> headers) {
        deliver(agent.topic().name(), partition, offset, timestamp, key, value, headers);
    }

    /**
     * Hands one message of a topic the agent reads to the agent, as the worker's fetcher would: registered in
     * its partition's tracker, decoded with the codecs of the agent's topic (an undecodable one goes to the error
     * policy), put in the agent's buffer (with isolated partitions: its partition's instance, started on its first
     * message). Messages of one partition must come in offset order, from one thread at a time.
     *
     * @param topic the topic's name (one of the agent's topics, a name matching one of its patterns, or a topic its
     *     stream declared: a {@code groupBy}'s repartition topic, a {@code through} topic)
     * @param partition partition
     * @param offset offset
     * @param timestamp epoch milliseconds
     * @param key encoded key, or null
     * @param value encoded value, or null
     * @param headers headers, never null
     * @throws IllegalArgumentException when the agent does not read {@code topic}
     */
    public void deliver(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                        Map<String, byte[]> headers) {
        synchronized (intake) {
            List<Intake.Route> routes = intake.routesFor(topic);
            if (routes == null) { // maybe declared by the agent's stream since
                intake.refresh();
                routes = intake.routesFor(topic);
            }
            if (routes == null) {
                throw new IllegalArgumentException("agent " + agent.name() + " does not read topic " + topic
                        + "; it reads " + agent.topicNames());
            }
            PartitionTracker tracker = trackers.computeIfAbsent(new TopicPartition(topic, partition),
                    tp -> new PartitionTracker(topic, partition));
            tracker.delivered(offset);
            delivered.incrementAndGet();
            if (tables != null) {
                for (TableImpl<?, ?> t : tables.tables()) {
                    tables.holdOrOpen(t, partition).active(true);
                }
            }
            intake.accept(tracker, offset, timestamp, key, value, headers, routes);
            intake.flush();
        }
    }

    /** @return messages delivered so far */
    public long delivered() {
        return delivered.get();
    }

    /** @return messages delivered and not finished yet (in the buffer, being processed, or stopped on) */
    public long outstanding() {
        long n = 0;
        for (PartitionTracker t : trackers.values()) {
            n += t.outstanding();
        }
        return n;
    }

    /** @return events waiting in the agent's buffer */
    public int buffered() {
        return runner.buffered();
    }

    /** @return the agent's instances as they are now */
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        List<AgentRunner.Instance> instances = runner.instances();
        for (int i = 0; i < instances.size(); i++) {
            StreamImpl<?, ?> s = instances.get(i).stream();
            Thread t = instances.get(i).thread();
            Event<?, ?> e = s.current();
            out.add(new Instance(t == null ? "instance " + i : t.getName(), t != null && t.isAlive(), e,
                    e == null ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - s.currentSince()),
                    e == null || t == null ? List.of() : ownFrames(t.getStackTrace())));
        }
        return out;
    }

    private static List<StackTraceElement> ownFrames(StackTraceElement[] stack) {
        int end = 0;
        while (end < stack.length && !stack[end].getClassName().startsWith(AgentRunner.class.getName())) {
            end++;
        }
        return Arrays.asList(stack).subList(0, end);
    }

    /**
     * Ends the agent's stream: the instances finish the events already delivered, then their loops end.
     *
     * @param timeout how long to wait for them
     * @return true when every instance ended in time
     * @throws InterruptedException when interrupted
     */
    public boolean finish(Duration timeout) throws InterruptedException {
        runner.close();
        return runner.await(clock.nanoTime() + timeout.toNanos());
    }

    /**
     * Interrupts the instances (they stop without finishing their event) and waits for them.
     *
     * @param timeout how long to wait
     * @return true when every instance ended in time
     * @throws InterruptedException when interrupted
     */
    public boolean interrupt(Duration timeout) throws InterruptedException {
        runner.interrupt();
        return runner.await(clock.nanoTime() + timeout.toNanos());
    }

    /** Gives the app its producer back and lets another harness open on it; idempotent. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        if (tables != null) {
            tables.close();
        }
        AppAccess.get().useReplies(app, previousReplies);
        replies.close();
        AppAccess.get().useSender(app, previousSender);
        AppAccess.get().exclusiveUse(app).compareAndSet(this, null);
    }

    @Override
    public String toString() {
        return owner + "{" + agent + ", delivered=" + delivered.get() + ", outstanding=" + outstanding() + "}";
    }
}
