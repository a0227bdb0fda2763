package faust.agents.internal;

import faust.Event;
import faust.SendResult;
import faust.Topic;
import faust.internal.EncodedEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An event of a {@code noack()} stream: acknowledged only by {@link #ack()}, from any thread, once. One per
 * delivery and stream; the values a {@code flatMap} makes of it share it.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class NoackEvent<K, V> implements Event<K, V>, EncodedEvent {
    private static final VarHandle ACKED;

    static {
        try {
            ACKED = MethodHandles.lookup().findVarHandle(NoackEvent.class, "acked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Delivery<K, V> delivery;
    @SuppressWarnings("unused")
    private volatile int acked;

    NoackEvent(Delivery<K, V> delivery) {
        this.delivery = delivery;
    }

    Delivery<K, V> delivery() {
        return delivery;
    }

    /** @return whether this call acknowledged it (false when it was already) */
    boolean ackOnce() {
        if ((int) ACKED.compareAndExchange(this, 0, 1) == 0) {
            delivery.release();
            return true;
        }
        return false;
    }

    @Override
    public void ack() {
        ackOnce();
    }

    @Override
    public K key() {
        return delivery.key();
    }

    @Override
    public V value() {
        return delivery.value();
    }

    @Override
    public String topic() {
        return delivery.topic();
    }

    @Override
    public int partition() {
        return delivery.partition();
    }

    @Override
    public long offset() {
        return delivery.offset();
    }

    @Override
    public long timestamp() {
        return delivery.timestamp();
    }

    @Override
    public Map<String, byte[]> headers() {
        return delivery.headers();
    }

    @Override
    public CompletableFuture<SendResult> forward(Topic<?, ?> topic) {
        return delivery.forward(topic);
    }

    @Override
    public <K2, V2> CompletableFuture<SendResult> send(Topic<K2, V2> topic, K2 key, V2 value) {
        return delivery.send(topic, key, value);
    }

    @Override
    public String toString() {
        return delivery.toString();
    }

    @Override
    public byte[] rawKey() {
        return delivery.rawKey();
    }

    @Override
    public byte[] rawValue() {
        return delivery.rawValue();
    }
}
