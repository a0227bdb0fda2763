package faust.transport.internal;

import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.ErrorPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one consumer, owned by one platform thread: polls, decodes each message once per topic
 * type, hands batches to the agents' buffers, pauses partitions whose agents are full, and commits
 * offsets only up to the first event that is not finished, after flushing the producer.
 */
public final class Fetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** How the fetcher stops. */
    public enum StopMode {
        /** Let in-flight events finish (bounded), flush, commit, leave the group. */
        WARM,
        /** Do not wait for agents; commit only what is already acked. */
        COLD,
        /** Commit nothing more (a send failed or the worker is being killed). */
        FATAL
    }

    /** Told about assignment changes and fatal errors. */
    public interface Listener {
        /** @param assigned partitions now assigned, as {@code topic-partition} */
        void assigned(Set<String> assigned);

        /** @param error what stopped the fetcher */
        void failed(Throwable error);
    }

    private final Settings settings;
    private final String groupId;
    private final List<AgentRunner<?, ?>> runners;
    private final KafkaSender sender;
    private final Listener listener;
    private final Map<TopicPartition, PartitionTracker> trackers = new ConcurrentHashMap<>();
    private final Set<Integer> pausedRunners = new HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Duration revokeTimeout;
    private final PartitionHooks hooks;
    private final java.util.concurrent.ConcurrentLinkedQueue<Integer> recoveredQueue =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<Integer> recovering = new HashSet<>();
    private final Set<Integer> heldNumbers = new HashSet<>();
    private volatile int recoveringCount;
    private volatile Map<String, Object> assignorConfig = Map.of();
    private volatile StopMode stopMode;
    private volatile long stopDeadline;
    private volatile Set<String> assignment = Set.of();
    private KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private boolean allPaused;
    private final Dispatcher dispatcher;
    private final Committer committer;

    /**
     * @param settings resolved settings
     * @param groupId the consumer group
     * @param runners the agents
     * @param sender the worker's producer
     * @param decodePolicy what to do with undecodable messages
     * @param listener told about assignments and failures
     * @param hooks told about partition numbers for tables, or null without tables
     */
    public Fetcher(Settings settings, String groupId, List<AgentRunner<?, ?>> runners, KafkaSender sender,
                   ErrorPolicy decodePolicy, Listener listener, PartitionHooks hooks) {
        this.hooks = hooks;
        this.settings = settings;
        this.groupId = groupId;
        this.runners = runners;
        this.sender = sender;
        this.listener = listener;
        this.revokeTimeout = settings.duration(Setting.SHUTDOWN_TIMEOUT);
        this.dispatcher = new Dispatcher(runners, decodePolicy);
        this.committer = new Committer(settings, sender, hooks, trackers);
    }

    /**
     * Extra consumer configs for {@link FaustAssignor} (listener id, web URL, standbys).
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
        recoveredQueue.add(p);
        wake();
    }

    /** @return partition numbers still recovering their tables */
    public int recovering() {
        return recoveringCount;
    }

    /** Creates the consumer, subscribes and starts polling on thread {@code faust-fetcher}. */
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig());
        committer.use(consumer);
        consumer.subscribe(dispatcher.topics(), new Rebalance());
        thread = Thread.ofPlatform().name("faust-fetcher").unstarted(this::run);
        thread.start();
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-consumer");
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, FaustAssignor.class.getName());
        p.putAll(assignorConfig);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.text(Setting.CONSUMER_AUTO_OFFSET_RESET));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                Long.toString(settings.duration(Setting.BROKER_SESSION_TIMEOUT).toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(settings.duration(Setting.BROKER_HEARTBEAT_INTERVAL).toMillis()));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.integer(Setting.BROKER_MAX_POLL_RECORDS)));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "300000");
        // An idle fetch waits at most this long at the broker; closing the consumer waits for it (stop time).
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private void run() {
        StopMode mode = null;
        try {
            while ((mode = stopMode) == null) {
                ConsumerRecords<byte[], byte[]> records;
                if (allPaused) {
                    // Nothing to fetch: sleep until an agent's buffer has room (or a recovery ends, or a
                    // stop), instead of a poll that would wait its whole timeout.
                    java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
                    records = consumer.poll(Duration.ZERO);
                } else {
                    records = consumer.poll(POLL);
                }
                if (!records.isEmpty()) {
                    committer.fetched(dispatcher.dispatch(records, trackers));
                }
                drainRecovered();
                flowControl();
                committer.maybeCommit();
            }
        } catch (Throwable t) {
            StopMode requested = stopMode;
            if (requested != null && (t instanceof org.apache.kafka.common.errors.InterruptException
                    || t instanceof InterruptedException)) {
                // A stronger stop (a second TERM during a warm one) interrupted the poll: carry on with it.
                Thread.interrupted();
                mode = requested;
            } else {
                LOG.error("the consumer loop failed: {}", t.getMessage(), t);
                mode = StopMode.FATAL;
                stopMode = mode;
                listener.failed(t);
            }
        }
        try {
            shutdown(mode);
        } catch (Throwable t) {
            LOG.error("stopping the consumer failed: {}", t.getMessage(), t);
        } finally {
            assignment = Set.of();
            stopped.countDown();
        }
    }

    private void drainRecovered() {
        boolean changed = false;
        for (Integer p = recoveredQueue.poll(); p != null; p = recoveredQueue.poll()) {
            changed |= recovering.remove(p);
        }
        if (changed) {
            recoveringCount = recovering.size();
            applyPauses();
        }
    }

    private void flowControl() {
        boolean changed = false;
        for (int i = 0; i < runners.size(); i++) {
            var buffer = runners.get(i).buffer();
            if (!pausedRunners.contains(i) && buffer.isFull()) {
                pausedRunners.add(i);
                changed = true;
            } else if (pausedRunners.contains(i) && buffer.hasRoom()) {
                pausedRunners.remove(i);
                changed = true;
            }
        }
        if (changed) {
            applyPauses();
        }
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    private void applyPauses() {
        Set<String> pausedTopics = new HashSet<>();
        for (int i : pausedRunners) {
            pausedTopics.add(runners.get(i).agent().topic().name());
        }
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (pausedTopics.contains(tp.topic()) || recovering.contains(tp.partition())) {
                pause.add(tp);
            } else {
                resume.add(tp);
            }
        }
        consumer.pause(pause);
        consumer.resume(resume);
        allPaused = !pause.isEmpty() && resume.isEmpty();
        for (int i : pausedRunners) {
            runners.get(i).buffer().wakeWhenRoom(thread);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                trackers.put(tp, new PartitionTracker(tp.topic(), tp.partition()));
            }
            if (!partitions.isEmpty()) {
                LOG.info("assigned {}", names(partitions));
            }
            if (hooks != null) {
                for (TopicPartition tp : partitions) {
                    if (heldNumbers.add(tp.partition())) {
                        recovering.add(tp.partition());
                        hooks.assigned(tp.partition());
                    }
                }
                recoveringCount = recovering.size();
            }
            publishAssignment();
            if (!pausedRunners.isEmpty() || !recovering.isEmpty()) {
                applyPauses();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            StopMode stopping = stopMode;
            if (stopping == null) {
                LOG.info("revoked {}: finishing their events in flight", names(partitions));
                long deadline = System.nanoTime() + revokeTimeout.toNanos();
                for (TopicPartition tp : partitions) {
                    PartitionTracker t = trackers.get(tp);
                    if (t != null) {
                        t.revoke();
                    }
                }
                awaitIdle(partitions, deadline);
            }
            // While shutting down, the shutdown already waited and committed; a fatal stop commits nothing.
            if (stopping != StopMode.FATAL) {
                committer.commit(partitions);
            }
            partitions.forEach(trackers::remove);
            releaseNumbers();
            publishAssignment();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.warn("lost {} without a clean hand-over; their uncommitted events will be redone", names(partitions));
            for (TopicPartition tp : partitions) {
                PartitionTracker t = trackers.remove(tp);
                if (t != null) {
                    t.revoke();
                }
            }
            releaseNumbers();
            publishAssignment();
        }
    }

    /** Tells the tables about partition numbers no topic of which is assigned any more. */
    private void releaseNumbers() {
        if (hooks == null) {
            return;
        }
        Set<Integer> still = new HashSet<>();
        trackers.keySet().forEach(tp -> still.add(tp.partition()));
        for (Integer p : new ArrayList<>(heldNumbers)) {
            if (!still.contains(p)) {
                heldNumbers.remove(p);
                recovering.remove(p);
                hooks.revoked(p);
            }
        }
        recoveringCount = recovering.size();
    }

    private boolean awaitIdle(Collection<TopicPartition> partitions, long deadline) {
        boolean idle = true;
        for (TopicPartition tp : partitions) {
            PartitionTracker t = trackers.get(tp);
            try {
                if (t != null && !t.awaitIdle(deadline)) {
                    LOG.warn("events of {} still in flight after the wait: {}", tp, t);
                    idle = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return idle;
    }

    private void publishAssignment() {
        Set<String> s = new TreeSet<>();
        trackers.keySet().forEach(tp -> s.add(tp.topic() + "-" + tp.partition()));
        assignment = Set.copyOf(s);
        listener.assigned(assignment);
    }

    private static String names(Collection<TopicPartition> partitions) {
        Set<String> s = new TreeSet<>();
        partitions.forEach(tp -> s.add(tp.topic() + "-" + tp.partition()));
        return String.join(", ", s);
    }

    private void shutdown(StopMode mode) {
        for (PartitionTracker t : trackers.values()) {
            t.revoke();
        }
        for (AgentRunner<?, ?> r : runners) {
            if (mode == StopMode.WARM) {
                r.close();
            } else {
                r.interrupt();
            }
        }
        if (mode == StopMode.WARM) {
            awaitIdle(trackers.keySet(), stopDeadline);
        }
        mode = stopMode; // may have turned cold while waiting
        Thread.interrupted(); // an escalation interrupted the wait; the commit below must not see it
        if (mode != StopMode.FATAL) {
            try {
                if (mode == StopMode.COLD && !sender.flushWithin(Duration.ofSeconds(5))) {
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
        trackers.clear();
    }

    /**
     * Asks the loop to stop; returns at once.
     *
     * @param mode how
     * @param deadlineNanos {@link System#nanoTime()} by which in-flight events must be done (WARM)
     */
    public void stop(StopMode mode, long deadlineNanos) {
        stopDeadline = deadlineNanos;
        StopMode before = stopMode;
        if (before == null || mode.ordinal() > before.ordinal()) {
            stopMode = mode;
            wake();
            if (before != null && thread != null) {
                // A stronger stop during a warm one: cut the wait for in-flight events short.
                thread.interrupt();
            }
        }
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} deadline
     * @return true when the loop and the final commit are done
     * @throws InterruptedException when interrupted
     */
    public boolean awaitStopped(long deadlineNanos) throws InterruptedException {
        return stopped.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** @return partitions assigned now, as {@code topic-partition} */
    public Set<String> assignment() {
        return assignment;
    }

    /** @return the trackers of assigned partitions (diagnostics) */
    public Collection<PartitionTracker> trackers() {
        return trackers.values();
    }
}
