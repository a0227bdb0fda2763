package faust.agents.internal;

import faust.Event;
import faust.SendResult;
import faust.Topic;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An event as an operator chain left it: another key or value (after {@code map}, {@code flatMap},
 * {@code enumerate}), the coordinates, headers and bytes of the message it came from. Acknowledging it
 * acknowledges that message in the stream that yielded it.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class EventView<K, V> implements Event<K, V> {
    private final Event<?, ?> base;
    private final K key;
    private final V value;

    /**
     * @param base the delivery, or its {@link NoackEvent} in a noack stream
     * @param key the key now
     * @param value the value now
     */
    EventView(Event<?, ?> base, K key, V value) {
        this.base = base;
        this.key = key;
        this.value = value;
    }

    /** @return the delivery, or its noack event */
    Event<?, ?> base() {
        return base;
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
        return base.topic();
    }

    @Override
    public int partition() {
        return base.partition();
    }

    @Override
    public long offset() {
        return base.offset();
    }

    @Override
    public long timestamp() {
        return base.timestamp();
    }

    @Override
    public Map<String, byte[]> headers() {
        return base.headers();
    }

    @Override
    public void ack() {
        base.ack();
    }

    @Override
    public CompletableFuture<SendResult> forward(Topic<?, ?> topic) {
        return base.forward(topic);
    }

    @Override
    public <K2, V2> CompletableFuture<SendResult> send(Topic<K2, V2> topic, K2 newKey, V2 newValue) {
        return base.send(topic, newKey, newValue);
    }

    @Override
    public String toString() {
        return base + "{" + value + "}";
    }
}
