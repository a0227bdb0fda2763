package faust.agents.internal;

import faust.Event;
import faust.SendResult;
import faust.Topic;
import faust.internal.CurrentEvent;
import faust.internal.EncodedEvent;
import faust.internal.TopicImpl;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One fetched message, decoded once, handed to every agent that reads its topic. Its offset is acked
 * in the partition's tracker when the last of those agents released it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Delivery<K, V> implements Event<K, V>, EncodedEvent, BiConsumer<Object, Throwable> {
    private static final VarHandle REFS;

    static {
        try {
            REFS = MethodHandles.lookup().findVarHandle(Delivery.class, "refs", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PartitionTracker tracker;
    private final long offset;
    private final long timestamp;
    private final K key;
    private final V value;
    private final byte[] rawKey;
    private final byte[] rawValue;
    private final Map<String, byte[]> headers;
    @SuppressWarnings("unused")
    private volatile int refs;
    private Delivery<?, ?> owner;

    /**
     * @param tracker the partition's tracker
     * @param offset offset
     * @param timestamp timestamp
     * @param key decoded key
     * @param value decoded value
     * @param rawKey key bytes (kept for the dead-letter topic)
     * @param rawValue value bytes
     * @param headers headers, never null
     * @param refs number of agents that get it
     */
    public Delivery(PartitionTracker tracker, long offset, long timestamp, K key, V value, byte[] rawKey,
                    byte[] rawValue, Map<String, byte[]> headers, int refs) {
        this.tracker = tracker;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.rawKey = rawKey;
        this.rawValue = rawValue;
        this.headers = headers;
        this.refs = refs;
    }

    /**
     * Raises the number of agents that must release it (set while dispatching).
     *
     * @param n number of agents
     */
    public void setRefs(int n) {
        REFS.setVolatile(this, n);
    }

    /**
     * Makes this delivery count against another one of the same message (decoded for another type).
     *
     * @param owner the delivery that holds the message's count
     */
    public void shareCountWith(Delivery<?, ?> owner) {
        this.owner = owner;
    }

    /** @return the partition's tracker */
    public PartitionTracker tracker() {
        return tracker;
    }

    /**
     * One more release is needed before the offset is acked (a record sent for it awaits the broker's ack).
     * Called only while the caller still holds a reference of its own.
     */
    public void retain() {
        if (owner != null) {
            owner.retain();
            return;
        }
        REFS.getAndAdd(this, 1);
    }

    /**
     * A record sent for it ({@link #retain()}, {@link PartitionTracker#hold()}) was acknowledged by the broker, or
     * failed: released when it succeeded (a failure keeps its offset uncommitted; the worker's producer reports
     * it and the worker stops before committing), ended either way. A {@code whenComplete} callback of the send.
     *
     * @param result the send's result
     * @param error why it failed, or null
     */
    @Override
    public void accept(Object result, Throwable error) {
        if (error == null) {
            releaseAndEnd();
        } else {
            tracker.end();
        }
    }

    /** One agent is done with it; the last one acks the offset. */
    public void release() {
        if (owner != null) {
            owner.release();
            return;
        }
        if ((int) REFS.getAndAdd(this, -1) == 1) {
            tracker.ack(offset);
        }
    }

    /** {@link #release()}, then the agent (or a send) no longer holds its partition busy: one lock, not two. */
    public void releaseAndEnd() {
        Delivery<?, ?> counted = owner != null ? owner : this;
        if ((int) REFS.getAndAdd(counted, -1) == 1) {
            // Ack before ending: a revoke waiting for the partition to be idle then commits this event too.
            tracker.ackAndEnd(counted.offset);
        } else {
            tracker.end();
        }
    }

    @Override
    public K key() {
        return key;
    }

    @Override
    public V value() {
        return value;
    }

    @Override
    public String topic() {
        return tracker.topic();
    }

    @Override
    public int partition() {
        return tracker.partition();
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public Map<String, byte[]> headers() {
        return headers;
    }

    @Override
    public void ack() {
        if (!(CurrentEvent.stream() instanceof StreamImpl<?, ?> s)) {
            throw new IllegalStateException("event.ack() of " + this + " was called outside its agent's thread:"
                    + " only events of a noack() stream may be acknowledged from other threads");
        }
        s.ackDelivery(this);
    }

    @Override
    public CompletableFuture<SendResult> forward(Topic<?, ?> topic) {
        return ((TopicImpl<?, ?>) topic).sendRaw(rawKey, rawValue, headers);
    }

    @Override
    public <K2, V2> CompletableFuture<SendResult> send(Topic<K2, V2> topic, K2 newKey, V2 newValue) {
        return ((TopicImpl<K2, V2>) topic).sendObjects(newKey, newValue, headers);
    }

    /** @return the key as it was on the wire */
    @Override
    public byte[] rawKey() {
        return rawKey;
    }

    /** @return the value as it was on the wire */
    @Override
    public byte[] rawValue() {
        return rawValue;
    }

    @Override
    public String toString() {
        return topic() + "-" + partition() + "@" + offset;
    }
}
