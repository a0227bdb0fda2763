package faust;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One message as an agent sees it: the decoded key and value plus where it came from. Yielded by
 * {@link Stream#events()}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Event<K, V> {
    /** @return the decoded key, or null when the message had none */
    K key();

    /** @return the decoded value, or null for a tombstone */
    V value();

    /** @return the topic the message was read from */
    String topic();

    /** @return the partition the message was read from */
    int partition();

    /** @return the message offset */
    long offset();

    /** @return the message timestamp, in epoch milliseconds */
    long timestamp();

    /** @return the message headers (last value wins for repeated names); never null */
    Map<String, byte[]> headers();

    /**
     * Acknowledges the event now, once (later calls do nothing). Needed only in a {@link Stream#noack()} stream,
     * where it may be called from any thread; in other streams the loop acknowledges each event when it moves
     * past it, and an earlier call (on the agent's thread) only acknowledges it sooner.
     *
     * @throws IllegalStateException when called outside the agent's thread for an event of an acknowledging
     *     stream
     */
    void ack();

    /**
     * Sends the message as it was read — key and value bytes, headers — to another topic.
     *
     * @param topic where to
     * @return completes when the broker acknowledged it
     */
    CompletableFuture<SendResult> forward(Topic<?, ?> topic);

    /**
     * Sends a new key and value, encoded with {@code topic}'s codecs, with this event's headers.
     *
     * @param topic where to
     * @param key the key
     * @param value the value
     * @param <K2> the topic's key type
     * @param <V2> the topic's value type
     * @return completes when the broker acknowledged it
     */
    <K2, V2> CompletableFuture<SendResult> send(Topic<K2, V2> topic, K2 key, V2 value);
}
