package faust.agents.internal;

import faust.codecs.CodecRegistry;
import faust.internal.Clock;
import faust.internal.TopicImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The topics one agent reads: its own, and those its instances' streams declare while they build their
 * operator chains ({@code groupBy}'s repartition topics, {@code through}'s topics). A declaration happens on
 * the agent's thread before anything is sent to the topic: the {@link Declarer} (the worker, or the testkit)
 * creates the topic and subscribes to it, then the agent's buffer gets its events too.
 *
 * <p>Chains are built when the agent function runs, i.e. after the agent started. So that the worker knows
 * every topic before its consumer subscribes and its tables are planned, each instance reports when it first
 * waits for an event ({@link #reachedLoop()}); the worker waits (bounded) for that ({@link #awaitLoops}).
 */
public final class StreamTopics {
    /** Makes a declared topic usable: creates it when missing and has the agent's consumer read it. */
    @FunctionalInterface
    public interface Declarer {
        /**
         * @param topic the topic (its name, partitions wanted, codecs)
         * @throws RuntimeException when it cannot be created or is partitioned unlike the tables it feeds; the
         *     agent then fails outside of an event (and is started again)
         */
        void declare(TopicImpl<?, ?> topic);
    }

    private final List<TopicImpl<?, ?>> sources;
    private final CountDownLatch loops;
    private final CodecRegistry codecs;
    private volatile List<TopicImpl<?, ?>> declared = List.of();
    private volatile Declarer declarer = t -> { };

    /**
     * @param sources the agent's own topics
     * @param instances instances that will report reaching their loop
     */
    public StreamTopics(List<TopicImpl<?, ?>> sources, int instances) {
        this(sources, instances, CodecRegistry.standard());
    }

    /**
     * @param sources the agent's own topics
     * @param instances instances that will report reaching their loop
     * @param codecs the app's codecs (for the types a {@code groupBy} re-keys to)
     */
    public StreamTopics(List<TopicImpl<?, ?>> sources, int instances, CodecRegistry codecs) {
        this.sources = List.copyOf(sources);
        this.loops = new CountDownLatch(instances);
        this.codecs = codecs;
    }

    /** @return the app's codecs */
    public CodecRegistry codecs() {
        return codecs;
    }

    /** @param d told about every topic declared from now on (set before the agent starts) */
    public void declarer(Declarer d) {
        this.declarer = d;
    }

    /**
     * Declares a topic (idempotent by name: instances and restarts declare the same chain again).
     *
     * @param topic the topic
     * @param <K> key type
     * @param <V> value type
     * @return the topic registered under that name
     * @throws IllegalStateException when a topic of that name was declared with other types
     */
    @SuppressWarnings("unchecked")
    public synchronized <K, V> TopicImpl<K, V> declare(TopicImpl<K, V> topic) {
        for (TopicImpl<?, ?> t : declared) {
            if (t.name().equals(topic.name())) {
                if (!t.keyType().equals(topic.keyType()) || !t.valueType().equals(topic.valueType())) {
                    throw new IllegalStateException("topic " + topic.name() + " is read by this agent as "
                            + t.keyType() + "/" + t.valueType() + " and as " + topic.keyType() + "/" + topic.valueType()
                            + ": give each groupBy/through its own name or topic");
                }
                return (TopicImpl<K, V>) t;
            }
        }
        for (TopicImpl<?, ?> t : sources) {
            if (t.name().equals(topic.name())) {
                throw new IllegalStateException("the agent reads topic " + topic.name() + " already: going through it"
                        + " would loop its events forever; use another topic");
            }
        }
        declarer.declare(topic);
        List<TopicImpl<?, ?>> next = new ArrayList<>(declared);
        next.add(topic);
        declared = List.copyOf(next);
        return topic;
    }

    /** @return the agent's own topics */
    public List<TopicImpl<?, ?>> sources() {
        return sources;
    }

    /** @return the topics declared by its streams so far */
    public List<TopicImpl<?, ?>> declared() {
        return declared;
    }

    /** @return every topic whose events go to the agent's buffer: its own, then the declared ones */
    public List<TopicImpl<?, ?>> all() {
        List<TopicImpl<?, ?>> d = declared;
        if (d.isEmpty()) {
            return sources;
        }
        List<TopicImpl<?, ?>> out = new ArrayList<>(sources);
        out.addAll(d);
        return out;
    }

    /**
     * The topics the agent's loop reads, which a table it updates must be partitioned like: the declared ones
     * when its stream goes through any (after {@code groupBy} the loop sees only repartitioned events), else
     * its own.
     *
     * @return the topics
     */
    public List<TopicImpl<?, ?>> loopTopics() {
        List<TopicImpl<?, ?>> d = declared;
        return d.isEmpty() ? sources : d;
    }

    /** An instance waits for its first event (its chain is built) or ended before: counted once per instance. */
    void reachedLoop() {
        loops.countDown();
    }

    /**
     * Waits until every instance reached its loop (so declared its topics).
     *
     * @param deadlineNanos {@link Clock#nanoTime()} deadline
     * @param clock the clock
     * @return whether all did in time
     * @throws InterruptedException when interrupted
     */
    public boolean awaitLoops(long deadlineNanos, Clock clock) throws InterruptedException {
        return loops.await(clock.left(deadlineNanos), TimeUnit.NANOSECONDS);
    }
}
