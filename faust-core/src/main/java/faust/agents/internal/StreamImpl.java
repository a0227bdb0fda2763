package faust.agents.internal;

import faust.Event;
import faust.KeyValue;
import faust.Stream;
import faust.internal.Clock;
import faust.internal.CurrentEvent;
import io.micrometer.core.instrument.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The stream of one agent instance. Takes batches from the agent's buffer; an event is begun when the
 * loop asks for it and released (acked) when the loop asks for the next one.
 *
 * <p>It counts the events it hands to the loop (a plain field the sensors read) and, when the sensors are on,
 * times a sample of them: an event's time is from the loop getting it to the loop asking for the next one, read
 * from the clock reading each event takes anyway ({@link #currentSince()}); one event in {@value #SAMPLE_EVERY},
 * and every event that comes a millisecond or more after the last one timed, go to the timer.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StreamImpl<K, V> implements Stream<K, V> {
    private static final int SAMPLE_EVERY = 32;
    private static final long SAMPLE_GAP = 1_000_000L;
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
    private int batchSize;
    private int batchIndex;
    private Delivery<K, V> pending;
    private volatile Delivery<K, V> current;
    private volatile long currentSince;
    private boolean ended;
    /** Events handed to the loop; written by the agent's thread only, read by the sensors. */
    @SuppressWarnings("unused")
    private long events;
    private Timer runtime;
    private boolean timing;
    private long lastTimed;

    /**
     * @param buffer the agent's buffer
     * @param takeMax events taken from the buffer at once (1 when instances share a buffer, for fairness)
     * @param clock when events begin ({@link #currentSince()})
     */
    public StreamImpl(AgentBuffer buffer, int takeMax, Clock clock) {
        this.buffer = buffer;
        this.takeMax = takeMax;
        this.clock = clock;
        this.batch = new Delivery<?, ?>[takeMax];
    }

    /** Makes this the stream of the calling thread (an agent instance's virtual thread). */
    public void bindToThread() {
        CurrentEvent.bind(this);
    }

    @Override
    public Iterator<V> iterator() {
        return new It<>(Event::value);
    }

    @Override
    public Iterable<Event<K, V>> events() {
        return () -> new It<>(e -> e);
    }

    @Override
    public Iterable<KeyValue<K, V>> items() {
        return () -> new It<>(e -> new KeyValue<>(e.key(), e.value()));
    }

    @Override
    public Event<K, V> current() {
        return current;
    }

    /** @return when the current event began ({@link Clock#nanoTime()}), meaningful only while {@link #current()} is set */
    public long currentSince() {
        return currentSince;
    }

    /**
     * Times a sample of the events from now on; set before the agent's thread starts.
     *
     * @param timer where the sampled durations go
     */
    public void measure(Timer timer) {
        this.runtime = timer;
    }

    /** @return events handed to the loop so far (any thread) */
    public long eventCount() {
        return (long) EVENTS.getOpaque(this);
    }

    private void timed(long now) {
        Timer t = runtime;
        if (timing && t != null && ((events & (SAMPLE_EVERY - 1)) == 0 || now - lastTimed >= SAMPLE_GAP)) {
            t.record(now - currentSince, java.util.concurrent.TimeUnit.NANOSECONDS);
            lastTimed = now;
        }
    }

    /** @return whether the loop saw the end of the stream (the buffer was closed) */
    public boolean ended() {
        return ended;
    }

    /** Releases the current event: the loop is done with it. */
    public void finishCurrent() {
        Delivery<K, V> d = current;
        if (d != null) {
            current = null;
            // Ack before ending: a revoke waiting for the partition to be idle then commits this event too.
            d.release();
            d.tracker().end();
        }
    }

    /** Gives up the event the loop asked for but never got (the agent is stopping). */
    public void dropPending() {
        Delivery<K, V> d = pending;
        if (d != null) {
            pending = null;
            d.tracker().end();
        }
    }

    /**
     * Takes the current event away from the loop without releasing it (its agent failed on it).
     *
     * @return the event, or null when there was none
     */
    public Delivery<K, V> takeCurrent() {
        Delivery<K, V> d = current;
        current = null;
        timing = false;
        return d;
    }

    /**
     * Finishes an event taken with {@link #takeCurrent()} once the error policy handled it.
     *
     * @param d the event
     */
    public static void finish(Delivery<?, ?> d) {
        d.release();
        d.tracker().end();
    }

    @SuppressWarnings("unchecked")
    private boolean advance() throws InterruptedException {
        if (pending != null) {
            return true;
        }
        finishCurrent();
        while (true) {
            while (batchIndex < batchSize) {
                Delivery<K, V> d = (Delivery<K, V>) batch[batchIndex];
                batch[batchIndex++] = null;
                if (d.tracker().begin()) {
                    pending = d;
                    return true;
                }
                // Partition revoked: skip, the new owner redoes it.
            }
            batchIndex = 0;
            if (timing && runtime != null) {
                timed(clock.nanoTime()); // the last event of the batch: the loop may now wait for the next one
            }
            timing = false;
            // Virtual threads are not preempted: let other agents and timers run between batches.
            Thread.yield();
            batchSize = buffer.take(batch, takeMax);
            if (batchSize == 0) {
                ended = true;
                return false;
            }
        }
    }

    private final class It<T> implements Iterator<T> {
        private final Function<Event<K, V>, T> view;

        It(Function<Event<K, V>, T> view) {
            this.view = view;
        }

        @Override
        public boolean hasNext() {
            try {
                return advance();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamInterrupted();
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream ended");
            }
            Delivery<K, V> d = pending;
            pending = null;
            long now = clock.nanoTime();
            timed(now);
            currentSince = now;
            timing = true;
            EVENTS.setOpaque(StreamImpl.this, events + 1);
            current = d;
            return view.apply(d);
        }
    }

    /** Thrown out of the loop when the worker stops an agent by interrupting it. */
    public static final class StreamInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamInterrupted() {
            super("the worker stopped this agent", null, false, false);
        }
    }
}
