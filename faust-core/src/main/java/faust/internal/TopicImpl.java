package faust.internal;

import faust.SendResult;
import faust.Topic;
import faust.codecs.Codec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A declared topic.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TopicImpl<K, V> implements Topic<K, V> {
    private final Supplier<Sender> sender;
    private final String name;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final Codec keyCodec;
    private final Codec valueCodec;
    private final Integer partitions;
    private final boolean internal;
    private final Short replicas;
    private final java.util.Map<String, String> config;

    /**
     * @param sender where sends go
     * @param name topic name
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec
     * @param valueCodec value codec
     * @param partitions partitions when created, or null
     * @param internal whether the app owns it
     */
    public TopicImpl(Supplier<Sender> sender, String name, Class<K> keyType, Class<V> valueType,
                     Codec keyCodec, Codec valueCodec, Integer partitions, boolean internal) {
        this(sender, name, keyType, valueType, keyCodec, valueCodec, partitions, null, java.util.Map.of(), internal);
    }

    /**
     * @param sender where sends go
     * @param name topic name
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec
     * @param valueCodec value codec
     * @param partitions partitions when created, or null
     * @param replicas replication factor when created, or null
     * @param config topic configs when created
     * @param internal whether the app owns it
     */
    public TopicImpl(Supplier<Sender> sender, String name, Class<K> keyType, Class<V> valueType, Codec keyCodec,
                     Codec valueCodec, Integer partitions, Short replicas, java.util.Map<String, String> config,
                     boolean internal) {
        this.replicas = replicas;
        this.config = java.util.Map.copyOf(config);
        this.sender = sender;
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.partitions = partitions;
        this.internal = internal;
    }

    @Override
    public Short replicas() {
        return replicas;
    }

    @Override
    public java.util.Map<String, String> config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<K> keyType() {
        return keyType;
    }

    @Override
    public Class<V> valueType() {
        return valueType;
    }

    @Override
    public Codec keyCodec() {
        return keyCodec;
    }

    @Override
    public Codec valueCodec() {
        return valueCodec;
    }

    @Override
    public Integer partitions() {
        return partitions;
    }

    @Override
    public boolean internal() {
        return internal;
    }

    @Override
    public CompletableFuture<SendResult> send(K key, V value) {
        byte[] k = keyCodec.encode(key);
        byte[] v = valueCodec.encode(value);
        return sender.get().send(name, null, k, v, Map.of());
    }

    /**
     * @param data encoded key
     * @return the decoded key
     */
    public K decodeKey(byte[] data) {
        return keyCodec.decode(data, keyType);
    }

    /**
     * @param data encoded value
     * @return the decoded value
     */
    public V decodeValue(byte[] data) {
        return valueCodec.decode(data, valueType);
    }

    @Override
    public String toString() {
        return name;
    }
}
