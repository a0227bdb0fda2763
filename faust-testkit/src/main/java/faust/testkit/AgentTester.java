package faust.testkit;

import faust.Agent;
import faust.App;
import faust.Event;
import faust.SendResult;
import faust.Setting;
import faust.Settings;
import faust.Topic;
import faust.codecs.Codec;
import faust.spi.AgentHarness;
import faust.testkit.internal.InMemorySender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one agent of an app without Kafka, for unit tests: feed it values, wait until it processed them,
 * read what it sent.
 *
 * <pre>{@code
 * try (AgentTester<byte[], Object> tester = AgentTester.of(app, "process")) {
 *     tester.send("hello");
 *     tester.awaitProcessed(Duration.ofSeconds(5));
 *     assertThat(tester.sent("greetings")).containsExactly("HELLO");
 *     assertThat(tester.errors()).isEmpty();
 * }
 * }</pre>
 *
 * <p>The agent runs as in a worker: {@code concurrency} instances, each on its own virtual thread named
 * {@code agent-<name>-<i>}, sharing one buffer; an event is acked when the loop moves past it; an
 * instance whose function throws has its event handled by the app's {@code error_policy} (by default a
 * record on {@code <group>-__dead-letter}) and is started again. Failed events are also listed by
 * {@link #errors()}.
 *
 * <p>While the tester is open, the app's topics send into an in-memory log instead of Kafka: every
 * {@link Topic#send} or {@link Agent#send}, by the agent or by the test, is stored there (partition 0,
 * offsets from 0, the future completed at once) and can be read with {@link #sent(String)}. Records sent
 * to the agent's own topic — by {@link #send}, by {@code agent.send(...)} or by the agent itself — are
 * also delivered to the agent, decoded with the topic's codecs exactly as the worker would, so codec
 * problems show up as in production. One tester per app at a time; {@link #close()} gives the app its
 * Kafka producer back.
 *
 * <p>Yielding agents and asks work too: what an agent emits goes to its sinks (topics and agents land in the
 * in-memory log, callbacks are called), and {@code agent.ask(value)} or {@code agent.askNowait(value)} from the
 * test gets its reply from the agent through the in-memory reply topic, bounded by {@code ask_timeout}:
 *
 * <pre>{@code
 * try (AgentTester<byte[], Integer> tester = AgentTester.of(adder)) {
 *     assertThat(adder.ask(41)).isEqualTo(42);
 * }
 * }</pre>
 *
 * @param <K> key type of the agent's topic
 * @param <V> value type of the agent's topic
 */
public final class AgentTester<K, V> implements AutoCloseable {
    /** How long {@link #close()} waits for the instances to finish the events left before interrupting them. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final int STACK_FRAMES = 12;

    private final App app;
    private final Topic<K, V> topic;
    private final InMemorySender sender = new InMemorySender();
    private final List<AgentError> errors = new CopyOnWriteArrayList<>();
    private final List<String> subscribed = new CopyOnWriteArrayList<>();
    private final AgentHarness<K, V> harness;
    private volatile String stopReason;
    private volatile boolean closing;
    private boolean closed;

    private AgentTester(App app, Agent<K, V> agent) {
        this.app = app;
        this.topic = agent.topic();
        this.harness = AgentHarness.start(app, agent, "AgentTester", sender, new AgentHarness.Listener() {
            @Override
            public void failed(AgentHarness.Failure f) {
                errors.add(new AgentError(f.where(), f.topic(), f.partition(), f.offset(), f.key(), f.value(),
                        f.error()));
            }

            @Override
            public void stopRequested(String reason) {
                stopReason = reason;
            }

            @Override
            public void declared(String topicName) {
                subscribe(topicName);
            }
        });
        for (Topic<K, V> t : agent.topics()) {
            if (t.pattern() == null) { // a pattern's topics are fed with sendTo
                subscribe(t.name());
            }
        }
    }

    /** Records sent to this topic go to the agent, as a consumer would hand them over. */
    private void subscribe(String topicName) {
        subscribed.add(topicName);
        sender.subscribe(topicName, r -> harness.deliver(topicName, r.partition(), r.offset(), r.timestamp(), r.key(),
                r.value(), r.headers()));
    }

    /**
     * Starts an agent of {@code app} with the app's sends captured in memory.
     *
     * @param app the app that declared the agent
     * @param agent the agent, as returned by {@code app.agent(...)}
     * @param <K> key type
     * @param <V> value type
     * @return a running tester; close it (try-with-resources) to stop the agent
     * @throws IllegalArgumentException when the agent was not declared by {@code app}
     * @throws IllegalStateException when another tester is open on {@code app}
     */
    public static <K, V> AgentTester<K, V> of(App app, Agent<K, V> agent) {
        return new AgentTester<>(app, agent);
    }

    /**
     * Starts an agent with its app's sends captured in memory.
     *
     * @param agent the agent, as returned by {@code app.agent(...)}
     * @param <K> key type
     * @param <V> value type
     * @return a running tester; close it (try-with-resources) to stop the agent
     * @throws IllegalStateException when another tester is open on the agent's app
     */
    public static <K, V> AgentTester<K, V> of(Agent<K, V> agent) {
        return of(agent.app(), agent);
    }

    /**
     * Starts the agent of {@code app} with this name; handy when the app did not keep the {@link Agent}
     * in a field.
     *
     * @param app the app
     * @param agentName the agent's name (for {@code app.agent(topic, ...)}, the topic's name)
     * @param <K> key type of the agent's topic (unchecked)
     * @param <V> value type of the agent's topic (unchecked)
     * @return a running tester
     * @throws IllegalArgumentException when the app has no agent of that name, listing those it has
     * @throws IllegalStateException when another tester is open on {@code app}
     */
    @SuppressWarnings("unchecked")
    public static <K, V> AgentTester<K, V> of(App app, String agentName) {
        for (Agent<?, ?> a : app.agents()) {
            if (a.name().equals(agentName)) {
                return of(app, (Agent<K, V>) a);
            }
        }
        throw new IllegalArgumentException("app " + app.id() + " has no agent named '" + agentName + "'; it has "
                + app.agents().stream().map(Agent::name).toList());
    }

    /** @return the agent under test */
    public Agent<K, V> agent() {
        return harness.agent();
    }

    /**
     * Feeds a value without a key to the agent, through its topic (as {@code agent.send(value)} would).
     *
     * @param value the value, or null for a tombstone
     * @return where it was stored in the agent's topic
     * @throws faust.codecs.CodecException when the topic's value codec cannot encode it
     * @throws IllegalStateException when the tester is closed
     */
    public SendResult send(V value) {
        return send(null, value, Map.of());
    }

    /**
     * Feeds a keyed value to the agent, through its topic.
     *
     * @param key the key, or null
     * @param value the value, or null for a tombstone
     * @return where it was stored in the agent's topic
     * @throws faust.codecs.CodecException when a codec of the topic cannot encode them
     * @throws IllegalStateException when the tester is closed
     */
    public SendResult send(K key, V value) {
        return send(key, value, Map.of());
    }

    /**
     * Feeds a keyed value with headers to the agent, through its topic.
     *
     * @param key the key, or null
     * @param value the value, or null for a tombstone
     * @param headers headers the agent sees in {@link Event#headers()}
     * @return where it was stored in the agent's topic
     * @throws faust.codecs.CodecException when a codec of the topic cannot encode them
     * @throws IllegalStateException when the tester is closed
     */
    public SendResult send(K key, V value, Map<String, byte[]> headers) {
        if (closing) {
            throw new IllegalStateException("the AgentTester of agent " + agent().name() + " is closed");
        }
        byte[] k = topic.keyCodec().encode(key);
        byte[] v = topic.valueCodec().encode(value);
        return sender.send(topic.name(), null, k, v, headers).join();
    }

    /**
     * Feeds a keyed value to the agent through another of its topics (an agent over several topics), or through a
     * topic matching one of its topic patterns; encoded with the codecs of the agent's topic that reads it.
     *
     * @param topicName the topic's name
     * @param key the key, or null
     * @param value the value, or null for a tombstone
     * @return where it was stored in that topic
     * @throws IllegalArgumentException when the agent does not read that topic
     * @throws IllegalStateException when the tester is closed
     */
    public SendResult sendTo(String topicName, K key, V value) {
        if (closing) {
            throw new IllegalStateException("the AgentTester of agent " + agent().name() + " is closed");
        }
        for (Topic<K, V> t : agent().topics()) {
            boolean literal = t.pattern() == null;
            if (literal ? t.name().equals(topicName) : t.pattern().matcher(topicName).matches()) {
                byte[] k = t.keyCodec().encode(key);
                byte[] v = t.valueCodec().encode(value);
                SendResult r = sender.send(topicName, null, k, v, Map.of()).join();
                if (!literal) { // nobody subscribed the name: hand it over as the worker's consumer would
                    harness.deliver(topicName, r.partition(), r.offset(), r.timestamp(), k, v, Map.of());
                }
                return r;
            }
        }
        throw new IllegalArgumentException("agent " + agent().name() + " does not read topic " + topicName
                + "; it reads " + agent().topics().stream().map(Topic::name).toList());
    }

    /**
     * Waits until the agent finished every event delivered to it so far (its loop moved past each, or
     * the error policy handled it). Returns at once when there is nothing left.
     *
     * @param timeout how long to wait at most
     * @throws AssertionError when events are left after {@code timeout}, saying how many and what the
     *                        instances are doing (event and stack), or when the error policy
     *                        {@code stop} stopped the agent
     */
    public void awaitProcessed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos(); // the test's own time, not the runtime's
        while (true) {
            long left = outstanding();
            if (left == 0) {
                return;
            }
            if (stopReason != null) {
                throw new AssertionError("agent " + agent().name() + " was stopped by error_policy=stop with " + left
                        + " of " + delivered() + " events not processed: " + stopReason);
            }
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                throw new AssertionError(stuckMessage(left, timeout));
            }
            // Acks are not signalled by the runtime's trackers, so poll (cheaply) until the deadline.
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1)));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for agent " + agent().name());
            }
        }
    }

    /** @return events delivered to the agent so far (fed by the test or sent to its topic by anyone) */
    public long delivered() {
        return harness.delivered();
    }

    /** @return events delivered to the agent and not finished yet */
    public long outstanding() {
        return harness.outstanding();
    }

    /**
     * The values sent to a topic while the tester was open, decoded with the codecs of the app's topic of
     * that name (or of the agent's stream: a {@code groupBy}'s repartition topic), or the app's default codecs
     * when none is declared ({@code json} values are then maps, lists, strings and numbers).
     *
     * @param topicName the topic name
     * @return the decoded values, in the order they were sent
     * @throws faust.codecs.CodecException when a value cannot be decoded with those codecs
     */
    public List<Object> sent(String topicName) {
        return sentRecords(topicName).stream().map(SentRecord::value).toList();
    }

    /**
     * The values sent to a topic, decoded with that topic's value codec and type.
     *
     * @param to the topic
     * @param <T> its value type
     * @return the decoded values, in the order they were sent
     * @throws faust.codecs.CodecException when a value cannot be decoded as {@code T}
     */
    public <T> List<T> sent(Topic<?, T> to) {
        List<T> out = new ArrayList<>();
        for (InMemorySender.Stored r : sender.records(to.name())) {
            out.add(to.valueCodec().decode(r.value()));
        }
        return out;
    }

    /**
     * The records sent to a topic with their keys, headers and offsets, decoded as by {@link #sent(String)}.
     * The dead-letter topic ({@code <group>-__dead-letter}) holds failed events with headers
     * {@code faust.error}, {@code faust.failed}, {@code faust.topic}, {@code faust.partition},
     * {@code faust.offset}.
     *
     * @param topicName the topic name
     * @return the records, in the order they were sent
     * @throws faust.codecs.CodecException when a key or value cannot be decoded
     */
    public List<SentRecord> sentRecords(String topicName) {
        Topic<?, ?> declared = declared(topicName);
        Settings s = app.settings();
        Codec<?> kc = declared != null ? declared.keyCodec()
                : app.codecs().codec(s.text(Setting.KEY_SERIALIZER), Object.class);
        Codec<?> vc = declared != null ? declared.valueCodec()
                : app.codecs().codec(s.text(Setting.VALUE_SERIALIZER), Object.class);
        List<SentRecord> out = new ArrayList<>();
        for (InMemorySender.Stored r : sender.records(topicName)) {
            out.add(new SentRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), kc.decode(r.key()),
                    vc.decode(r.value()), r.headers(), r.key(), r.value()));
        }
        return out;
    }

    /** @return names of the topics that got records while the tester was open, the agent's own included */
    public List<String> sentTopics() {
        return sender.topics();
    }

    /** @return the dead-letter topic the app's error policy sends failed events to */
    public String deadLetterTopic() {
        return harness.deadLetterTopic();
    }

    /**
     * @return the events the agent failed on and the messages that could not be decoded, in the order
     *         they happened; each was also handled by the app's error policy
     */
    public List<AgentError> errors() {
        return List.copyOf(errors);
    }

    /**
     * Ends the agent's stream — the instances finish the events already delivered, then their loops end —
     * and waits for them at most {@link #CLOSE_TIMEOUT}; instances still running then are interrupted.
     * Gives the app its Kafka producer back. Idempotent.
     *
     * @throws AssertionError when the instances did not end in time (naming what they were doing)
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing = true;
        String stuck = null;
        try {
            if (!harness.finish(CLOSE_TIMEOUT)) {
                stuck = instances();
                harness.interrupt(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            try {
                harness.interrupt(Duration.ZERO);
            } catch (InterruptedException ignored) {
                // already interrupted
            }
            Thread.currentThread().interrupt();
        } finally {
            subscribed.forEach(sender::unsubscribe);
            harness.close();
        }
        if (stuck != null) {
            throw new AssertionError("agent " + agent().name() + " did not end within " + CLOSE_TIMEOUT.toSeconds()
                    + " s after its stream was closed; it was interrupted. Its instances:\n" + stuck);
        }
    }

    // --- internals -----------------------------------------------------------------------------------

    private Topic<?, ?> declared(String name) {
        for (Topic<?, ?> t : app.topics()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return harness.declaredTopic(name); // a groupBy's repartition topic
    }

    private String stuckMessage(long left, Duration timeout) {
        long total = delivered();
        StringBuilder sb = new StringBuilder();
        sb.append("agent ").append(agent().name()).append(": ").append(left).append(" of ").append(total)
                .append(" events not processed within ").append(timeout.toMillis()).append(" ms (")
                .append(total - left).append(" processed");
        if (!errors.isEmpty()) {
            sb.append(", ").append(errors.size()).append(" failed");
        }
        sb.append("). Its instances:\n").append(instances());
        return sb.toString();
    }

    private String instances() {
        StringBuilder sb = new StringBuilder();
        for (AgentHarness.Instance i : harness.instances()) {
            sb.append("  ").append(i.thread());
            if (!i.alive()) {
                sb.append(" ended\n");
                continue;
            }
            Event<?, ?> e = i.current();
            if (e == null) {
                sb.append(" waiting for events\n");
                continue;
            }
            sb.append(" busy for ").append(i.busy().toMillis()).append(" ms on ").append(e.topic()).append('-')
                    .append(e.partition()).append('@').append(e.offset()).append(" (value ").append(brief(e.value()))
                    .append(")\n");
            appendStack(sb, i.stack());
        }
        int buffered = harness.buffered();
        if (buffered > 0) {
            sb.append("  ").append(buffered).append(" more waiting in the agent's buffer\n");
        }
        return sb.toString();
    }

    /** The agent's own frames: from the JDK call it blocks in, down to the agent's loop. */
    private static void appendStack(StringBuilder sb, List<StackTraceElement> stack) {
        int from = 0;
        while (from < stack.size() && "java.base".equals(stack.get(from).getModuleName())) {
            from++;
        }
        from = Math.max(0, Math.min(from, stack.size()) - 1);
        int shown = 0;
        for (int f = from; f < stack.size(); f++) {
            if (shown++ == STACK_FRAMES) {
                sb.append("      ...\n");
                break;
            }
            sb.append("      at ").append(stack.get(f)).append('\n');
        }
    }

    static String brief(Object value) {
        String s = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(value);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    @Override
    public String toString() {
        return "AgentTester{" + agent() + ", delivered=" + delivered() + ", outstanding=" + outstanding()
                + ", errors=" + errors.size() + (closing ? ", closed" : "") + "}";
    }
}
