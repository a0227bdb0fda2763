package faust.transport.internal;

import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.ErrorPolicy;
import faust.agents.internal.Intake;
import faust.agents.internal.PartitionTracker;
import faust.internal.Clock;
import faust.sensors.internal.Sensors;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InconsistentGroupProtocolException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one consumer, owned by one platform thread ({@code faust-fetcher}): polls, hands batches to
 * the agents ({@link Dispatcher}), pauses partitions ({@link FlowControl}), commits ({@link Committer}) and
 * handles rebalances ({@link Rebalance}); on stop, lets in-flight events finish (warm), commits what is
 * acked and closes the consumer.
 */
public final class Fetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Told about assignment changes and fatal errors. */
    public interface Listener {
        /**
         * Called on the fetcher thread after each change of the assignment or of the partitions recovering.
         *
         * @param assigned partitions now assigned
         */
        void assigned(Set<faust.TopicPartition> assigned);

        /** @param error what stopped the fetcher */
        void failed(Throwable error);

        /**
         * This worker got or lost the leader topic's partition (fetcher thread; at the stop too).
         *
         * @param leader whether it holds it now
         */
        default void leadership(boolean leader) {
        }

        /**
         * Partitions were newly assigned (fetcher thread, inside the rebalance, before any of their events is
         * handed out). May block briefly: the fetcher waits.
         *
         * @param added the partitions (the leader topic's not among them)
         */
        default void partitionsAssigned(Set<faust.TopicPartition> added) {
        }

        /**
         * Partitions are being revoked or were lost (fetcher thread, inside the rebalance): their in-flight events
         * finished (or were given up after the wait), their offsets not committed yet. May block briefly.
         *
         * @param removed the partitions (the leader topic's not among them)
         */
        default void partitionsRevoked(Set<faust.TopicPartition> removed) {
        }
    }

    /**
     * What a fetcher is made of.
     *
     * @param settings resolved settings
     * @param groupId the consumer group
     * @param runners the agents
     * @param decodePolicy what to do with undecodable messages
     * @param hooks told about partition numbers for tables, or null without tables
     * @param listener told about assignments and failures
     * @param clients makes the consumer
     * @param commits how commits happen (at-least-once: flush the producer, then commit)
     * @param clock the worker's clock
     * @param sensors the worker's sensors (commits, rebalances, partitions, lag)
     */
    public record Parts(Settings settings, String groupId, List<AgentRunner<?, ?>> runners, ErrorPolicy decodePolicy,
                        PartitionHooks hooks, Listener listener, KafkaClients clients, CommitStrategy.Factory commits,
                        Clock clock, Sensors sensors) {
        /**
         * Parts without sensors (tests).
         *
         * @param settings resolved settings
         * @param groupId the consumer group
         * @param runners the agents
         * @param decodePolicy what to do with undecodable messages
         * @param hooks told about partition numbers for tables, or null without tables
         * @param listener told about assignments and failures
         * @param clients makes the consumer
         * @param commits how commits happen
         * @param clock the worker's clock
         */
        public Parts(Settings settings, String groupId, List<AgentRunner<?, ?>> runners, ErrorPolicy decodePolicy,
                     PartitionHooks hooks, Listener listener, KafkaClients clients, CommitStrategy.Factory commits,
                     Clock clock) {
            this(settings, groupId, runners, decodePolicy, hooks, listener, clients, commits, clock,
                    Sensors.create("", false, "", clock, null));
        }
    }

    private final Parts parts;
    private final Map<TopicPartition, PartitionTracker> trackers = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Dispatcher dispatcher;
    private final Committer committer;
    private final FlowControl flow;
    private final Rebalance rebalance;
    private final LagProbe lag;
    private final BrokerWatch brokerWatch;
    private final LivelockWatch livelockWatch;
    private volatile Map<String, Object> assignorConfig = Map.of();
    private volatile String leaderTopic;
    private volatile StopMode stopMode;
    private volatile long stopDeadline;
    private volatile Set<faust.TopicPartition> assignment = Set.of();
    private volatile boolean resubscribe;
    private Consumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    /** @param parts what it is made of */
    public Fetcher(Parts parts) {
        this.parts = parts;
        this.dispatcher = new Dispatcher(parts.runners(), parts.decodePolicy());
        this.committer = new Committer(parts.settings(), parts.hooks(), trackers, parts.clock(),
                parts.sensors().commits());
        this.flow = new FlowControl(parts.runners());
        this.rebalance = new Rebalance(trackers, committer, flow, parts.runners(), parts.hooks(), () -> stopMode,
                this::publishAssignment, parts.settings().duration(Setting.SHUTDOWN_TIMEOUT), parts.clock(), parts.listener(),
                parts.sensors());
        this.lag = new LagProbe(parts.clock(), parts.sensors().enabled());
        this.brokerWatch = new BrokerWatch(parts.clock(), parts.settings().bootstrapServers());
        this.livelockWatch = new LivelockWatch(parts.clock(),
                parts.settings().duration(Setting.BROKER_COMMIT_LIVELOCK_SOFT_TIMEOUT).toNanos());
    }

    /**
     * Subscribes the leader topic as well (before {@link #start()}): the worker assigned its partition is the
     * leader ({@link Listener#leadership}). Its partition is never fetched, tracked or committed.
     *
     * @param topic {@code <group>-__assignor-__leader}
     */
    public void leaderTopic(String topic) {
        this.leaderTopic = topic;
    }

    /**
     * Extra consumer configs for {@link FaustAssignor} ({@link FaustAssignor#config}).
     *
     * @param config the entries
     */
    public void assignorConfig(Map<String, Object> config) {
        this.assignorConfig = Map.copyOf(config);
    }

    /**
     * Called (from any thread) when the tables recovered partition {@code p}: its source partitions resume.
     *
     * @param p partition number
     */
    public void recovered(int p) {
        flow.recovered(p);
    }

    /** @return partition numbers still recovering their tables */
    public int recovering() {
        return flow.recovering();
    }

    /**
     * Called (from any thread) when an agent's stream declared a topic after the consumer subscribed: the fetcher
     * subscribes to it too (on its thread, before its next poll).
     */
    public void topicsChanged() {
        resubscribe = true;
        flow.wake();
    }

    /** @return a failure the user can act on as one line, or {@code t} itself */
    private Throwable explained(Throwable t) {
        if (t instanceof InconsistentGroupProtocolException) {
            return new FaustException("Python and Java workers cannot share consumer group " + parts.groupId()
                    + ": give the Java app another id/version (see docs/python-interop.md)", t);
        }
        return t;
    }

    /**
     * Subscribes the consumer to the agents' topics (with those their streams declared) and the leader topic, by
     * name, or by one regular expression when an agent reads a topic pattern.
     */
    private void subscribe() {
        Intake.Subscription subscription = dispatcher.subscription();
        Set<String> topics = new TreeSet<>(subscription.names());
        String leader = leaderTopic;
        if (leader != null) {
            topics.add(leader);
        }
        if (subscription.patterns().isEmpty()) {
            consumer.subscribe(topics, rebalance);
        } else {
            consumer.subscribe(new Intake.Subscription(topics, subscription.patterns()).combined(), rebalance);
        }
    }

    /** Creates the consumer, subscribes and starts polling on thread {@code faust-fetcher}. */
    public void start() {
        consumer = parts.clients().consumer(new ClientConfigs(parts.settings()).consumer(parts.groupId(), assignorConfig));
        committer.use(parts.commits().create(consumer));
        resubscribe = false; // a topic declared from here on is subscribed to by the loop
        dispatcher.refresh();
        String leader = leaderTopic;
        if (leader != null) {
            rebalance.leaderTopic(leader);
            flow.neverFetch(leader);
        }
        subscribe();
        thread = Thread.ofPlatform().name("faust-fetcher").unstarted(this::run);
        flow.use(consumer, thread);
        thread.start();
    }

    private void run() {
        StopMode mode = null;
        try {
            while ((mode = stopMode) == null) {
                if (resubscribe) {
                    resubscribe = false;
                    dispatcher.refresh();
                    LOG.info("subscribing to {} (with topics declared by agents' streams)",
                            dispatcher.subscription());
                    subscribe();
                }
                ConsumerRecords<byte[], byte[]> records;
                if (flow.allPaused()) {
                    // Nothing to fetch: sleep until an agent's buffer has room (or a recovery ends, or a
                    // stop), instead of a poll that would wait its whole timeout.
                    LockSupport.parkNanos(POLL.toNanos());
                    records = consumer.poll(Duration.ZERO);
                } else {
                    records = consumer.poll(POLL);
                }
                if (!records.isEmpty()) {
                    committer.fetched(dispatcher.dispatch(records, trackers));
                }
                if (flow.update()) {
                    parts.listener().assigned(assignment);
                }
                committer.maybeCommit();
                lag.maybeSample(consumer, trackers);
                brokerWatch.check(consumer);
                livelockWatch.check(trackers);
            }
        } catch (Throwable t) {
            StopMode requested = stopMode;
            if (requested != null && (t instanceof org.apache.kafka.common.errors.InterruptException
                    || t instanceof InterruptedException)) {
                // A stronger stop (a second TERM during a warm one) interrupted the poll: carry on with it.
                Thread.interrupted();
                mode = requested;
            } else {
                Throwable reported = explained(t);
                if (t instanceof FaustException) {
                    LOG.error("the consumer loop failed: {}", t.getMessage()); // says what and why in one line
                    LOG.debug("the consumer loop failed", t);
                } else if (reported == t) {
                    LOG.error("the consumer loop failed: {}", t.getMessage(), t);
                }
                mode = StopMode.FATAL;
                stopMode = mode;
                parts.listener().failed(reported);
            }
        }
        try {
            shutdown(mode);
        } catch (Throwable t) {
            LOG.error("stopping the consumer failed: {}", t.getMessage(), t);
        } finally {
            brokerWatch.close();
            assignment = Set.of();
            rebalance.leaderGone();
            stopped.countDown();
        }
    }

    private void publishAssignment() {
        Set<faust.TopicPartition> s = new TreeSet<>();
        trackers.keySet().forEach(tp -> s.add(new faust.TopicPartition(tp.topic(), tp.partition())));
        assignment = Set.copyOf(s);
        parts.listener().assigned(assignment);
    }

    private void shutdown(StopMode mode) {
        for (PartitionTracker t : trackers.values()) {
            t.revoke();
        }
        for (AgentRunner<?, ?> r : parts.runners()) {
            if (mode == StopMode.WARM) {
                r.close();
            } else {
                r.interrupt();
            }
        }
        if (mode == StopMode.WARM) {
            rebalance.awaitIdle(trackers.keySet(), stopDeadline);
            if (!trackers.isEmpty() && stopMode == StopMode.WARM) {
                Set<faust.TopicPartition> all = new TreeSet<>();
                trackers.keySet().forEach(tp -> all.add(new faust.TopicPartition(tp.topic(), tp.partition())));
                parts.listener().partitionsRevoked(all);
            }
        }
        mode = stopMode; // may have turned cold while waiting
        Thread.interrupted(); // an escalation interrupted the wait; the commit below must not see it
        if (mode == StopMode.COLD && committer.transactional()) {
            // Exactly-once: a cold stop aborts; what was not committed is redone by the next owner.
            try {
                committer.abort();
            } catch (FaustException | KafkaException e) {
                LOG.error("cold shutdown: aborting the transaction failed: {}", e.getMessage());
            }
        } else if (mode != StopMode.FATAL) {
            try {
                if (mode == StopMode.COLD && !flushWithin(Duration.ofSeconds(5))) {
                    LOG.error("cold shutdown: the producer did not flush within 5 s; committing nothing more");
                    throw new FaustException("producer flush timed out");
                }
                committer.commit(trackers.keySet());
            } catch (FaustException | KafkaException e) {
                LOG.error("final commit failed: {}; uncommitted events will be redone", e.getMessage());
            }
        }
        try {
            consumer.close(Duration.ofSeconds(mode == StopMode.FATAL ? 1 : 10));
        } catch (KafkaException e) {
            LOG.warn("closing the consumer: {}", e.getMessage());
        }
        trackers.values().forEach(parts.sensors().partitions()::remove);
        trackers.clear();
    }

    /** Cold shutdown: the outputs get a bounded flush; a flush that does not end in time commits nothing. */
    private boolean flushWithin(Duration timeout) {
        Thread t = Thread.ofVirtual().name("faust-flush").start(() -> {
            try {
                committer.flushOutputs();
            } catch (RuntimeException e) {
                // reported by the commit below, which flushes again
            }
        });
        try {
            return t.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Asks the loop to stop; returns at once. A stronger mode during a stop takes over.
     *
     * @param mode how
     * @param deadlineNanos {@link Clock#nanoTime()} by which in-flight events must be done (WARM)
     */
    public void stop(StopMode mode, long deadlineNanos) {
        stopDeadline = deadlineNanos;
        StopMode before = stopMode;
        if (mode.strongerThan(before)) {
            stopMode = mode;
            flow.wake();
            if (before != null && thread != null) {
                // A stronger stop during a warm one: cut the wait for in-flight events short.
                thread.interrupt();
            }
        }
    }

    /**
     * @param deadlineNanos {@link Clock#nanoTime()} deadline
     * @return true when the loop and the final commit are done
     * @throws InterruptedException when interrupted
     */
    public boolean awaitStopped(long deadlineNanos) throws InterruptedException {
        return stopped.await(parts.clock().left(deadlineNanos), TimeUnit.NANOSECONDS);
    }

    /** @return partitions assigned now */
    public Set<faust.TopicPartition> assignment() {
        return assignment;
    }

    /** @return the trackers of assigned partitions (diagnostics) */
    public Collection<PartitionTracker> trackers() {
        return trackers.values();
    }
}
