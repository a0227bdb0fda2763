package faust.agents.internal;

import faust.internal.AgentImpl;
import faust.internal.Clock;
import faust.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one agent: its buffer and its instances, each a virtual thread named {@code agent-<name>-<i>}.
 * An instance whose function throws has its event handled by the error policy and is started again.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class AgentRunner<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final AgentImpl<K, V> agent;
    private final AgentBuffer buffer;
    private final ErrorPolicy policy;
    private final Clock clock;
    private final List<StreamImpl<K, V>> streams = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final StreamTopics topics;
    private volatile boolean stopping;
    private volatile boolean interrupted;

    /**
     * @param agent the agent
     * @param bufferSize events buffered before fetching pauses
     * @param policy what to do with failed events
     * @param clock the worker's clock
     */
    public AgentRunner(AgentImpl<K, V> agent, int bufferSize, ErrorPolicy policy, Clock clock) {
        this.agent = agent;
        this.buffer = new AgentBuffer(bufferSize);
        this.policy = policy;
        this.clock = clock;
        int takeMax = agent.concurrency() == 1 ? 256 : 1;
        this.topics = new StreamTopics(List.of((TopicImpl<?, ?>) agent.topic()), agent.concurrency(),
                agent.app().codecs());
        for (int i = 0; i < agent.concurrency(); i++) {
            streams.add(new StreamImpl<>(buffer, takeMax, clock, topics, agent.name()));
        }
    }

    /** @return the agent */
    public AgentImpl<K, V> agent() {
        return agent;
    }

    /** @return the clock it runs by */
    public Clock clock() {
        return clock;
    }

    /** @return the agent's buffer */
    public AgentBuffer buffer() {
        return buffer;
    }

    /** @return the topics the agent reads: its own and those its streams declared (groupBy, through) */
    public StreamTopics topics() {
        return topics;
    }

    /** @return the instances' streams */
    public List<StreamImpl<K, V>> streams() {
        return streams;
    }

    /** @return the instances' threads */
    public List<Thread> threads() {
        return threads;
    }

    /** Starts the instances. */
    public void start() {
        for (int i = 0; i < streams.size(); i++) {
            StreamImpl<K, V> s = streams.get(i);
            Thread t = Thread.ofVirtual().name("agent-" + agent.name() + "-" + i).unstarted(() -> runInstance(s));
            threads.add(t);
            t.start();
        }
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
                List<StreamImpl.Held> failed = stream.takeHeld();
                if (interrupted || (stopping && (t instanceof InterruptedException
                        || Thread.currentThread().isInterrupted()))) {
                    // Stopped by the worker (cold shutdown): the events were not finished, so they stay
                    // uncommitted and are redone later; it is not an agent error.
                    failed.forEach(StreamImpl.Held::abandon);
                    return;
                }
                if (failed.isEmpty()) {
                    stream.reportLoop(); // it may need a table or the consumer to get further
                    policy.failedOutsideEvent("agent " + agent.name(), t);
                    LOG.error("agent {} failed outside of an event: {}; starting it again in {} s", agent.name(),
                            t.toString(), RESTART_PAUSE.toSeconds(), t);
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                // Every event the loop held (one, or a take() batch) goes to the error policy.
                for (int i = 0; i < failed.size(); i++) {
                    StreamImpl.Held h = failed.get(i);
                    if (policy.handle("agent " + agent.name(), h.delivery(), t)) {
                        h.ack();
                    } else {
                        failed.subList(i, failed.size()).forEach(StreamImpl.Held::abandon);
                        return;
                    }
                }
            }
        }
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
        buffer.close();
    }

    /** Interrupts the instances (cold shutdown, or a warm one that timed out). */
    public void interrupt() {
        stopping = true;
        interrupted = true;
        buffer.close();
        threads.forEach(Thread::interrupt);
    }

    /**
     * Waits for the instances to end.
     *
     * @param deadlineNanos {@link Clock#nanoTime()} deadline
     * @return true when all ended in time
     * @throws InterruptedException when interrupted
     */
    public boolean await(long deadlineNanos) throws InterruptedException {
        for (Thread t : threads) {
            long left = deadlineNanos - clock.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }
}
