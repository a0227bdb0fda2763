package faust;

import faust.codecs.Codec;
import faust.codecs.TypeRef;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A Kafka topic with its key and value types and codecs. Created with {@link App#topic}; agents
 * subscribe to it and anyone may {@link #send} to it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Topic<K, V> {
    /** @return the topic name */
    String name();

    /** @return the key type as declared (generic arguments included) */
    TypeRef<K> keyType();

    /** @return the value type as declared (generic arguments included) */
    TypeRef<V> valueType();

    /** @return the key codec: the one given in the topic's options, else the app's {@code key_serializer} */
    Codec<K> keyCodec();

    /** @return the value codec: the one given in the topic's options, else the app's {@code value_serializer} */
    Codec<V> valueCodec();

    /** @return partitions used when the worker creates it, or null for {@code topic_partitions} */
    Integer partitions();

    /** @return replication factor used when the worker creates it, or null for {@code topic_replication_factor} */
    default Short replicas() {
        return null;
    }

    /** @return topic configs used when the worker creates it ({@code retention.ms}, {@code cleanup.policy}, ...) */
    default java.util.Map<String, String> config() {
        return java.util.Map.of();
    }

    /** @return whether the app owns the topic (the worker creates it when missing) */
    boolean internal();

    /**
     * @return for a topic made with {@link App#topic(Pattern, Class, Class, java.util.function.Consumer)}, the
     *     pattern (an agent reading it reads every topic whose whole name matches; it cannot be sent to); null
     *     for a topic of one name
     */
    default Pattern pattern() {
        return null;
    }

    /**
     * Sends a value without a key.
     *
     * @param value the value
     * @return completes when the broker acknowledged the record
     */
    default CompletableFuture<SendResult> send(V value) {
        return send(null, value);
    }

    /**
     * Sends a keyed value; the key picks the partition (Kafka's default partitioner).
     *
     * @param key the key, or null
     * @param value the value, or null for a tombstone
     * @return completes when the broker acknowledged the record
     */
    CompletableFuture<SendResult> send(K key, V value);
}
