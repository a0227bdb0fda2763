package faust.agents.internal;

import faust.Event;
import faust.codecs.TypeRef;
import faust.internal.Clock;
import faust.internal.CurrentEvent;
import faust.internal.TopicImpl;
import io.micrometer.core.instrument.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stream of one agent instance, and what it owns: the events it took from the agent's buffer and has not
 * finished. An operator chain ({@link ChainStream}) runs on it through a {@link Cursor}; the rules of
 * acknowledgement are kept here:
 * <ul>
 *   <li>an event is <em>begun</em> when taken from the buffer (its partition counts it as in flight);</li>
 *   <li>when the cursor leaves it — the loop asked for the next value after the last one made of it — it is
 *       released (acked) and ended; an event none of whose values reached the loop (filtered, or sent on by
 *       {@code groupBy}/{@code through}, which hold it until the broker acked what they sent) is released at
 *       once;</li>
 *   <li>in a batch ({@code take}) the events that gave values to it are held until the loop asks for the next
 *       batch;</li>
 *   <li>in a {@code noack()} stream the loop's events are only ended; {@link NoackEvent#ack()} releases them.</li>
 * </ul>
 * Not thread-safe except {@link #current()}, {@link #currentSince()}, {@link #eventCount()} and the noack events'
 * {@code ack()}: one agent thread uses it.
 *
 * <p>It counts the events it takes from the buffer in a plain field of the agent's thread, published for the
 * sensors once per batch taken from the buffer (and before the stream waits for more), so a count costs no fence.
 * When the sensors are on it times a sample of the values the loop gets: from the loop getting a value to it
 * asking for the next one, read from the clock reading each value takes anyway ({@link #handedOut()}). The
 * sample is one in time: the first value the loop gets {@value #SAMPLE_GAP_MS} ms or more after the last one
 * chosen, at most {@code 1000 / }{@value #SAMPLE_GAP_MS} values a second whatever the rate, chosen when the loop
 * gets it (so long values are not favoured); the rest cost a comparison. The count is also published with each
 * value so chosen (a slow loop's count moves within a batch).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StreamImpl<K, V> extends ChainStream<K, V> {
    private static final TypeRef<?> OBJECT = TypeRef.of(Object.class);
    private static final long SAMPLE_GAP_MS = 20;
    private static final long SAMPLE_GAP = SAMPLE_GAP_MS * 1_000_000L;
    private static final VarHandle EVENTS;

    static {
        try {
            EVENTS = MethodHandles.lookup().findVarHandle(StreamImpl.class, "events", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AgentBuffer buffer;
    private final Delivery<?, ?>[] batch;
    private final int takeMax;
    private final Clock clock;
    private final StreamTopics topics;
    private final String agentName;
    private int batchSize;
    private int batchIndex;
    private boolean ended;
    private boolean loopReported;
    private Thread thread;

    // the delivery whose values the cursor is producing
    private Delivery<?, ?> expanding;
    private NoackEvent<?, ?> expandingNoack;
    private boolean yieldedEver;
    private boolean yieldedInBatch;
    private boolean expandingAcked;
    // batch mode: deliveries (or their noack events) that gave values to the current batch
    private boolean deferring;
    private Object[] held = new Object[16];
    private boolean[] heldAcked = new boolean[16];
    private int heldCount;

    private volatile Event<?, ?> current;
    private volatile long currentSince;

    /** Events taken from the buffer: the agent's thread's own count. */
    private long taken;
    /** {@link #taken} as last published for the sensors (once per batch), read through {@link #EVENTS}. */
    @SuppressWarnings("unused")
    private long events;
    private Timer runtime;
    private boolean timing;
    private long lastTimed;

    /**
     * A stream of no particular agent (tests of the runtime): operators that declare topics are not available.
     *
     * @param buffer the agent's buffer
     * @param takeMax events taken from the buffer at once
     * @param clock when events begin
     */
    public StreamImpl(AgentBuffer buffer, int takeMax, Clock clock) {
        this(buffer, takeMax, clock, new StreamTopics(List.of(), 1), "agent");
    }

    /**
     * @param buffer the agent's buffer
     * @param takeMax events taken from the buffer at once (1 when instances share a buffer, for fairness)
     * @param clock when events begin ({@link #currentSince()}) and {@code take}'s deadlines
     * @param topics the agent's topics, where operators declare theirs
     * @param agentName the agent's name (repartition topics are named after it)
     */
    public StreamImpl(AgentBuffer buffer, int takeMax, Clock clock, StreamTopics topics, String agentName) {
        super(List.of(), source(topics, true), source(topics, false), false);
        this.buffer = buffer;
        this.takeMax = takeMax;
        this.clock = clock;
        this.topics = topics;
        this.agentName = agentName;
        this.batch = new Delivery<?, ?>[takeMax];
        this.lastTimed = clock.nanoTime() - SAMPLE_GAP; // the first value is sampled
    }

    private static TypeRef<?> source(StreamTopics topics, boolean key) {
        if (topics.sources().isEmpty()) {
            return OBJECT;
        }
        TopicImpl<?, ?> t = topics.sources().get(0);
        return key ? t.keyType() : t.valueType();
    }

    @Override
    StreamImpl<?, ?> root() {
        return this;
    }

    /** Makes this the stream of the calling thread (an agent instance's virtual thread). */
    public void bindToThread() {
        thread = Thread.currentThread();
        CurrentEvent.bind(this);
    }

    StreamTopics topics() {
        return topics;
    }

    String agentName() {
        return agentName;
    }

    Clock clock() {
        return clock;
    }

    /** @return the agent's (first) topic: what {@code groupBy} derives its repartition topic from */
    TopicImpl<?, ?> source() {
        if (topics.sources().isEmpty()) {
            throw new IllegalStateException("this stream belongs to no agent: groupBy and through need one");
        }
        return topics.sources().get(0);
    }

    /**
     * Starts iterating a chain (the previous iteration, if any, is over: its events were finished or handed to
     * the error policy).
     */
    <T> Cursor<T> open(List<Op> ops, int kind, boolean noack) {
        deferring = false;
        Pipeline p = ops.isEmpty() ? Pipeline.PLAIN : Pipeline.of(topics.sources(), ops);
        return new Cursor<>(this, p, kind, noack);
    }

    // --- what the cursor uses ----------------------------------------------------------------------------

    /**
     * Takes the next event (begun) from the buffer, waiting for it.
     *
     * @param deadline {@link Clock#nanoTime()} until which to wait, or {@link Cursor#NO_DEADLINE}
     * @return the event; null when the stream ended ({@link #ended()}) or the deadline passed
     */
    Delivery<?, ?> take(long deadline) throws InterruptedException {
        while (true) {
            while (batchIndex < batchSize) {
                Delivery<?, ?> d = batch[batchIndex];
                batch[batchIndex++] = null;
                // Holding events (a batch being built): an exactly-once commit waits for this stream, so it must
                // not wait for the commit.
                if (d.tracker().begin(heldCount > 0 || expanding != null)) {
                    taken++;
                    return d;
                }
                // Partition revoked: skip, the new owner redoes it.
            }
            batchIndex = 0;
            batchSize = 0;
            current = null;
            EVENTS.setRelease(this, taken); // the batch's count, for the sensors: once per batch, not per event
            if (timing) {
                timed(clock.nanoTime()); // the loop asks for more than the batch had: its last value is done
            }
            if (deadline != Cursor.NO_DEADLINE && clock.nanoTime() - deadline >= 0) {
                // Events already fetched are taken whatever the deadline; waiting for more is not.
                return null;
            }
            reportLoop();
            // Virtual threads are not preempted: let other agents and timers run between batches.
            Thread.yield();
            int n = deadline == Cursor.NO_DEADLINE ? buffer.take(batch, takeMax)
                    : buffer.take(batch, takeMax, deadline, clock);
            if (n <= 0) {
                if (n < 0 || deadline == Cursor.NO_DEADLINE) {
                    ended = true;
                }
                return null;
            }
            batchSize = n;
        }
    }

    /** The cursor works on a taken event now; in a noack stream's last stage it gets a {@link NoackEvent}. */
    void begin(Delivery<?, ?> d, boolean noack) {
        expanding = d;
        expandingNoack = noack ? new NoackEvent<>(d) : null;
        yieldedEver = false;
        yieldedInBatch = false;
        expandingAcked = false;
        current = noack ? expandingNoack : d;
    }

    /** A value of the event being expanded goes to the loop. */
    void yielded() {
        yieldedEver = true;
        yieldedInBatch = true;
    }

    /** The loop got a value (not in a batch): the blocking detector times it from now. */
    void handedOut() {
        long now = clock.nanoTime();
        if (timing) {
            timed(now);
        }
        currentSince = now;
        if (now - lastTimed >= SAMPLE_GAP) {
            lastTimed = now;
            EVENTS.setRelease(this, taken); // a slow loop's count moves within a batch too
            timing = runtime != null; // this value is timed when the loop asks for the next one
        }
    }

    private void timed(long now) {
        runtime.record(now - currentSince, TimeUnit.NANOSECONDS);
        timing = false;
    }

    /**
     * Times a sample of the values the loop gets from now on; set before the agent's thread starts.
     *
     * @param timer where the sampled durations go
     */
    public void measure(Timer timer) {
        this.runtime = timer;
    }

    /** @return events taken from the buffer so far (any thread) */
    public long eventCount() {
        return (long) EVENTS.getAcquire(this);
    }

    /** @return the event the loop's values come from: the delivery, or its noack event */
    Event<?, ?> currentEvent() {
        return current;
    }

    /** The cursor is done with the event it was expanding: the loop moved past all its values. */
    void leave() {
        Delivery<?, ?> d = expanding;
        if (d == null) {
            return;
        }
        expanding = null;
        NoackEvent<?, ?> n = expandingNoack;
        expandingNoack = null;
        if (deferring && yieldedInBatch) {
            hold(n != null ? n : d, expandingAcked);
            return;
        }
        if (n == null && !expandingAcked) {
            d.releaseAndEnd();
            return;
        }
        if (n != null && !yieldedEver) {
            n.ackOnce(); // none of its values reached the loop: nothing for it to acknowledge
        }
        // Ack before ending: a revoke waiting for the partition to be idle then commits this event too.
        d.tracker().end();
    }

    private void hold(Object entry, boolean acked) {
        if (heldCount == held.length) {
            held = Arrays.copyOf(held, heldCount * 2);
            heldAcked = Arrays.copyOf(heldAcked, heldCount * 2);
        }
        held[heldCount] = entry;
        heldAcked[heldCount++] = acked;
    }

    /** A batch starts: the loop is done with the previous one. */
    void startBatch() {
        deferring = true;
        yieldedInBatch = false;
        releaseHeld();
    }

    /** A batch goes to the loop: it is the current work (tables use the partition of its last event). */
    void batchReady() {
        timing = false; // batches are not timed as values
        currentSince = clock.nanoTime();
        if (expanding == null && heldCount > 0) {
            current = (Event<?, ?>) held[heldCount - 1];
        }
    }

    private void releaseHeld() {
        for (int i = 0; i < heldCount; i++) {
            Object e = held[i];
            held[i] = null;
            if (e instanceof Delivery<?, ?> d) {
                if (!heldAcked[i]) {
                    d.releaseAndEnd();
                } else {
                    d.tracker().end();
                }
            } else {
                ((NoackEvent<?, ?>) e).delivery().tracker().end();
            }
        }
        heldCount = 0;
    }

    /**
     * Acknowledges a delivery of this stream early (on the agent's thread: {@code event.ack()} in a stream that
     * acknowledges by itself). Does nothing when it is not held any more.
     *
     * @param d the delivery
     */
    void ackDelivery(Delivery<?, ?> d) {
        if (d == expanding) {
            if (expandingNoack != null) {
                expandingNoack.ackOnce();
            } else if (!expandingAcked) {
                expandingAcked = true;
                d.release();
            }
            return;
        }
        for (int i = 0; i < heldCount; i++) {
            if (held[i] == d && !heldAcked[i]) {
                heldAcked[i] = true;
                d.release();
                return;
            }
            if (held[i] instanceof NoackEvent<?, ?> n && n.delivery() == d) {
                n.ackOnce();
                return;
            }
        }
    }

    // --- what the runner uses ----------------------------------------------------------------------------

    /** @return the event the loop is processing now, or null between events */
    @Override
    public Event<K, V> current() {
        return super.current();
    }

    /** @return when the current event began ({@link Clock#nanoTime()}), meaningful only while {@link #current()} is set */
    public long currentSince() {
        return currentSince;
    }

    /** @return whether the loop saw the end of the stream (the buffer was closed) */
    public boolean ended() {
        return ended;
    }

    /** The instance reached its loop (or ended before): its chain and the topics it declares are known. */
    public void reportLoop() {
        if (!loopReported) {
            loopReported = true;
            topics.reachedLoop();
        }
    }

    /** The agent's function returned: the loop is done with everything it held. */
    public void finishCurrent() {
        timing = false;
        EVENTS.setRelease(this, taken);
        deferring = false;
        yieldedInBatch = false;
        leave();
        releaseHeld();
        current = null;
    }

    /** Gives up what the loop held without acknowledging it (the agent is stopping): it is redone later. */
    public void dropPending() {
        for (Held h : takeHeld()) {
            h.abandon();
        }
    }

    /** An event the loop held when it failed, taken from the stream for the error policy. */
    public static final class Held {
        private final Delivery<?, ?> delivery;
        private final NoackEvent<?, ?> noack;
        private final boolean acked;

        Held(Delivery<?, ?> delivery, NoackEvent<?, ?> noack, boolean acked) {
            this.delivery = delivery;
            this.noack = noack;
            this.acked = acked;
        }

        /** @return the event */
        public Delivery<?, ?> delivery() {
            return delivery;
        }

        /** The error policy handled it: acknowledge it (once) and end it. */
        public void ack() {
            if (noack != null) {
                noack.ackOnce();
            } else if (!acked) {
                delivery.release();
            }
            delivery.tracker().end();
        }

        /** It stays unacknowledged (redone later): only end it. */
        public void abandon() {
            delivery.tracker().end();
        }
    }

    /**
     * Takes away every event the loop held without finishing them: the one being expanded and a batch's. The
     * loop failed (or stops); the caller acks or abandons each.
     *
     * @return the events, empty when the loop held none (it failed outside of an event)
     */
    public List<Held> takeHeld() {
        timing = false;
        EVENTS.setRelease(this, taken);
        List<Held> out = new ArrayList<>(heldCount + 1);
        for (int i = 0; i < heldCount; i++) {
            Object e = held[i];
            held[i] = null;
            if (e instanceof Delivery<?, ?> d) {
                out.add(new Held(d, null, heldAcked[i]));
            } else {
                NoackEvent<?, ?> n = (NoackEvent<?, ?>) e;
                out.add(new Held(n.delivery(), n, false));
            }
        }
        heldCount = 0;
        if (expanding != null) {
            out.add(new Held(expanding, expandingNoack, expandingAcked));
            expanding = null;
            expandingNoack = null;
        }
        current = null;
        return out;
    }

    /** Thrown out of the loop when the worker stops an agent by interrupting it. */
    public static final class StreamInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamInterrupted() {
            super("the worker stopped this agent", null, false, false);
        }
    }

    @Override
    public String toString() {
        return "stream of agent " + agentName + (thread == null ? "" : " on " + thread.getName());
    }
}
