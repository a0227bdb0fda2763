package faust.agents.internal;

import faust.AgentOptions;
import faust.TopicPartition;
import faust.internal.AgentImpl;
import faust.internal.Clock;
import faust.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one agent: its instances, each a virtual thread looping over its stream. Without isolated partitions the
 * agent has {@code concurrency} instances sharing one buffer ({@code agent-<name>-<i>}); with them, one instance
 * and buffer per assigned partition ({@code agent-<name>-<topic>-<p>}), started when the partition is assigned
 * and ended (its stream closed) when it is revoked. An instance whose function throws has its event handled by
 * the error policy and is started again, or, with the {@code STOP_WORKER} supervisor, stops the worker.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class AgentRunner<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    /**
     * One instance of the agent.
     *
     * @param thread its thread, or null before the agent started
     * @param stream its stream
     */
    public record Instance(Thread thread, StreamImpl<?, ?> stream) {
    }

    private final AgentImpl<K, V> agent;
    private final int bufferSize;
    private final ErrorPolicy policy;
    private final Clock clock;
    private final int takeMax;
    private final StreamTopics topics;
    /** The instances of an agent without isolated partitions; null with them. */
    private final Group shared;
    /** With isolated partitions: one group of one instance per assigned partition. */
    private final Map<TopicPartition, Group> isolated = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean interrupted;
    /** Samples event durations when metrics are on; given to instances started later too. */
    private volatile io.micrometer.core.instrument.Timer timer;
    /** Events taken by the instances of revoked partitions, so the agent's event count never goes down. */
    private long retiredEvents;

    /** A buffer and the instances taking from it. */
    private final class Group {
        final AgentBuffer buffer = new AgentBuffer(bufferSize);
        final List<StreamImpl<K, V>> streams = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        volatile List<Thread> threads = List.of();

        Group(String prefix, int instances) {
            for (int i = 0; i < instances; i++) {
                StreamImpl<K, V> s = new StreamImpl<>(buffer, takeMax, clock, topics, agent.name());
                io.micrometer.core.instrument.Timer t = timer;
                if (t != null) {
                    s.measure(t);
                }
                streams.add(s);
                names.add(instances == 1 && !prefix.endsWith("-") ? prefix : prefix + i);
            }
        }

        synchronized void start() {
            if (!threads.isEmpty()) {
                return;
            }
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < streams.size(); i++) {
                StreamImpl<K, V> s = streams.get(i);
                ts.add(Thread.ofVirtual().name(names.get(i)).unstarted(() -> runInstance(s)));
            }
            threads = List.copyOf(ts);
            threads.forEach(Thread::start);
        }

        long events() {
            long n = 0;
            for (StreamImpl<K, V> s : streams) {
                n += s.eventCount();
            }
            return n;
        }

        boolean await(long deadlineNanos) throws InterruptedException {
            for (Thread t : threads) {
                long left = deadlineNanos - clock.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param agent the agent
     * @param bufferSize events buffered before fetching pauses (per partition with isolated partitions)
     * @param policy what to do with failed events
     * @param clock the worker's clock
     */
    public AgentRunner(AgentImpl<K, V> agent, int bufferSize, ErrorPolicy policy, Clock clock) {
        this.agent = agent;
        this.bufferSize = bufferSize;
        this.policy = policy;
        this.clock = clock;
        this.takeMax = agent.concurrency() == 1 ? 256 : 1;
        List<TopicImpl<?, ?>> own = new ArrayList<>();
        agent.topics().forEach(t -> own.add((TopicImpl<?, ?>) t));
        // Instances of isolated partitions start on assignment, after the worker waited for loops: none to wait for.
        this.topics = new StreamTopics(own, agent.isolatedPartitions() ? 0 : agent.concurrency(),
                agent.app().codecs());
        this.shared = agent.isolatedPartitions() ? null : new Group("agent-" + agent.name() + "-", agent.concurrency());
    }

    /** @return the agent */
    public AgentImpl<K, V> agent() {
        return agent;
    }

    /** @return the clock it runs by */
    public Clock clock() {
        return clock;
    }

    /** @return the topics the agent reads: its own and those its streams declared (groupBy, through) */
    public StreamTopics topics() {
        return topics;
    }

    /**
     * Times a sample of the events from now on, in every instance, also those of partitions assigned later.
     *
     * @param timer where the sampled durations go
     */
    public void measure(io.micrometer.core.instrument.Timer timer) {
        this.timer = timer;
        for (Group g : groups()) {
            g.streams.forEach(s -> s.measure(timer));
        }
    }

    /** @return events the instances' streams took so far, those of revoked partitions' instances included */
    public synchronized long events() {
        long n = retiredEvents;
        for (Group g : groups()) {
            n += g.events();
        }
        return n;
    }

    /** @return events the instances are processing now */
    public int active() {
        int n = 0;
        for (Group g : groups()) {
            for (StreamImpl<K, V> s : g.streams) {
                if (s.current() != null) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * @param topic a topic name
     * @return whether the agent reads it: one of its topics, a name its patterns match, or one its streams declared
     */
    public boolean reads(String topic) {
        if (agent.reads(topic)) {
            return true;
        }
        for (TopicImpl<?, ?> t : topics.declared()) {
            if (t.name().equals(topic)) {
                return true;
            }
        }
        return false;
    }

    /** @return the instances now (with isolated partitions: those of the partitions assigned now) */
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        for (Group g : groups()) {
            List<Thread> ts = g.threads;
            for (int i = 0; i < g.streams.size(); i++) {
                out.add(new Instance(i < ts.size() ? ts.get(i) : null, g.streams.get(i)));
            }
        }
        return out;
    }

    private List<Group> groups() {
        return shared != null ? List.of(shared) : List.copyOf(isolated.values());
    }

    /** Starts the instances (with isolated partitions: those of partitions already assigned). */
    public void start() {
        started = true;
        groups().forEach(Group::start);
    }

    /**
     * Partitions were assigned to the worker: with isolated partitions, an instance starts for each of those the
     * agent reads.
     *
     * @param partitions the partitions newly assigned
     */
    public void assigned(Collection<TopicPartition> partitions) {
        if (shared != null) {
            return;
        }
        for (TopicPartition tp : partitions) {
            if (reads(tp.topic())) {
                group(tp);
            }
        }
    }

    private Group group(TopicPartition tp) {
        Group g = isolated.computeIfAbsent(tp, k -> new Group("agent-" + agent.name() + "-" + k, 1));
        if (started && !stopping) {
            g.start();
        }
        return g;
    }

    /**
     * Partitions were revoked, their events in flight finished: with isolated partitions, their instances' streams
     * end (events left in their buffers are skipped) and their loops are waited for until {@code deadlineNanos};
     * an instance still running then is interrupted.
     *
     * @param partitions the partitions revoked
     * @param deadlineNanos {@link Clock#nanoTime()} deadline
     */
    public void revoked(Collection<TopicPartition> partitions, long deadlineNanos) {
        if (shared != null) {
            return;
        }
        List<Group> ending = new ArrayList<>();
        List<Long> counted = new ArrayList<>();
        synchronized (this) {
            for (TopicPartition tp : partitions) {
                Group g = isolated.remove(tp);
                if (g != null) {
                    g.buffer.close();
                    ending.add(g);
                    counted.add(g.events());
                    retiredEvents += counted.getLast();
                }
            }
        }
        try {
            for (Group g : ending) {
                try {
                    if (!g.await(deadlineNanos)) {
                        LOG.warn("agent {}: the instance of a revoked partition did not end in time; interrupting {}",
                                agent.name(), g.names);
                        g.threads.forEach(Thread::interrupt);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            synchronized (this) {
                for (int i = 0; i < ending.size(); i++) {
                    retiredEvents += ending.get(i).events() - counted.get(i);
                }
            }
        }
    }

    /**
     * Hands a batch of events to the instances' buffers (with isolated partitions, each to its partition's).
     *
     * @param batch events, in order
     */
    public void putAll(List<? extends Delivery<?, ?>> batch) {
        if (shared != null) {
            shared.buffer.putAll(batch);
            return;
        }
        int from = 0;
        while (from < batch.size()) {
            PartitionTracker t = batch.get(from).tracker();
            int to = from + 1;
            while (to < batch.size() && batch.get(to).tracker() == t) {
                to++;
            }
            group(new TopicPartition(t.topic(), t.partition())).buffer.putAll(batch.subList(from, to));
            from = to;
        }
    }

    /** @return whether the fetcher should pause the agent's partitions (a buffer is full) */
    public boolean isFull() {
        for (Group g : groups()) {
            if (g.buffer.isFull()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the fetcher may resume them (every buffer drained to half) */
    public boolean hasRoom() {
        for (Group g : groups()) {
            if (!g.buffer.hasRoom()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wakes {@code thread} (the fetcher, parked while all its partitions are paused) once a buffer drained to half.
     *
     * @param thread the thread to unpark
     */
    public void wakeWhenRoom(Thread thread) {
        groups().forEach(g -> g.buffer.wakeWhenRoom(thread));
    }

    /** @return events waiting in the buffers */
    public int buffered() {
        int n = 0;
        for (Group g : groups()) {
            n += g.buffer.size();
        }
        return n;
    }

    private void runInstance(StreamImpl<K, V> stream) {
        stream.bindToThread();
        try {
            loop(stream);
        } finally {
            stream.reportLoop(); // ended before waiting for an event: it declares nothing more
        }
    }

    private void loop(StreamImpl<K, V> stream) {
        while (true) {
            try {
                agent.function().process(stream);
                if (interrupted) {
                    // Cold shutdown: the agent returned after being interrupted; its current event may not be
                    // finished, so it stays uncommitted (redone later) rather than being acked.
                    abandon(stream);
                    return;
                }
                stream.finishCurrent();
                if (stream.ended()) {
                    return;
                }
                stream.reportLoop();
                if (agent.supervisor() == AgentOptions.Supervisor.STOP_WORKER) {
                    policy.crash("agent " + agent.name(), null, new IllegalStateException(
                            "the agent returned from its loop before the stream ended"));
                    stream.dropPending();
                    return;
                }
                LOG.warn("agent {} returned from its loop before the stream ended; starting it again in {} s"
                        + " (an agent should loop over its stream: for (V value : stream) {{ ... }})", agent.name(),
                        RESTART_PAUSE.toSeconds());
                if (!pause()) {
                    stream.dropPending();
                    return;
                }
            } catch (StreamImpl.StreamInterrupted e) {
                stream.dropPending();
                return;
            } catch (Throwable t) {
                if (!failed(stream, t)) {
                    return;
                }
            }
        }
    }

    /** @return whether the instance goes on (is restarted) */
    private boolean failed(StreamImpl<K, V> stream, Throwable t) {
        List<StreamImpl.Held> failed = stream.takeHeld();
        if (interrupted || (stopping && (t instanceof InterruptedException
                || Thread.currentThread().isInterrupted()))) {
            // Stopped by the worker (cold shutdown): the events were not finished, so they stay
            // uncommitted and are redone later; it is not an agent error.
            failed.forEach(StreamImpl.Held::abandon);
            return false;
        }
        if (agent.supervisor() == AgentOptions.Supervisor.STOP_WORKER) {
            policy.crash("agent " + agent.name(), failed.isEmpty() ? null : failed.getFirst().delivery(), t);
            failed.forEach(StreamImpl.Held::abandon);
            stream.dropPending();
            return false;
        }
        if (failed.isEmpty()) {
            stream.reportLoop(); // it may need a table or the consumer to get further
            policy.failedOutsideEvent("agent " + agent.name(), t);
            LOG.error("agent {} failed outside of an event: {}; starting it again in {} s", agent.name(),
                    t.toString(), RESTART_PAUSE.toSeconds(), t);
            return pause();
        }
        // Every event the loop held (one, or a take() batch) goes to the error policy.
        for (int i = 0; i < failed.size(); i++) {
            StreamImpl.Held h = failed.get(i);
            if (policy.handle("agent " + agent.name(), h.delivery(), t)) {
                h.ack();
            } else {
                failed.subList(i, failed.size()).forEach(StreamImpl.Held::abandon);
                return false;
            }
        }
        return true;
    }

    private static void abandon(StreamImpl<?, ?> stream) {
        stream.dropPending();
    }

    private boolean pause() {
        try {
            Thread.sleep(RESTART_PAUSE);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the loops: events still buffered are skipped when their partitions were revoked. */
    public void close() {
        stopping = true;
        groups().forEach(g -> g.buffer.close());
    }

    /** Interrupts the instances (cold shutdown, or a warm one that timed out). */
    public void interrupt() {
        stopping = true;
        interrupted = true;
        for (Group g : groups()) {
            g.buffer.close();
            g.threads.forEach(Thread::interrupt);
        }
    }

    /**
     * Waits for the instances to end.
     *
     * @param deadlineNanos {@link Clock#nanoTime()} deadline
     * @return true when all ended in time
     * @throws InterruptedException when interrupted
     */
    public boolean await(long deadlineNanos) throws InterruptedException {
        for (Group g : groups()) {
            if (!g.await(deadlineNanos)) {
                return false;
            }
        }
        return true;
    }
}
