package faust.agents.internal;

import faust.Event;
import faust.internal.EncodedEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * One fetched message, decoded once, handed to every agent that reads its topic. Its offset is acked
 * in the partition's tracker when the last of those agents released it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Delivery<K, V> implements Event<K, V>, EncodedEvent {
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
