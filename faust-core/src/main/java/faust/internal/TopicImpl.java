package faust.internal;

import faust.SendResult;
import faust.Topic;
import faust.codecs.Codec;
import faust.codecs.TypeRef;
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
    private final TypeRef<K> keyType;
    private final TypeRef<V> valueType;
    private final boolean keyFromSettings;
    private final boolean valueFromSettings;
    private final Integer partitions;
    private final Short replicas;
    private final boolean internal;
    private final Map<String, String> config;
    private volatile Codec<K> keyCodec;
    private volatile Codec<V> valueCodec;

    /**
     * @param sender where sends go
     * @param name topic name
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec
     * @param valueCodec value codec
     * @param keyFromSettings whether the key codec is the app's {@code key_serializer} (not given for the topic)
     * @param valueFromSettings whether the value codec is the app's {@code value_serializer}
     * @param partitions partitions when created, or null
     * @param replicas replication factor when created, or null
     * @param config topic configs when created ({@code retention.ms}, {@code cleanup.policy}, ...)
     * @param internal whether the app owns it
     */
    public TopicImpl(Supplier<Sender> sender, String name, TypeRef<K> keyType, TypeRef<V> valueType,
                     Codec<K> keyCodec, Codec<V> valueCodec, boolean keyFromSettings, boolean valueFromSettings,
                     Integer partitions, Short replicas, Map<String, String> config, boolean internal) {
        this.config = Map.copyOf(config);
        this.sender = sender;
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.keyFromSettings = keyFromSettings;
        this.valueFromSettings = valueFromSettings;
        this.partitions = partitions;
        this.replicas = replicas;
        this.internal = internal;
    }

    @Override
    public Short replicas() {
        return replicas;
    }

    @Override
    public Map<String, String> config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TypeRef<K> keyType() {
        return keyType;
    }

    @Override
    public TypeRef<V> valueType() {
        return valueType;
    }

    @Override
    public Codec<K> keyCodec() {
        return keyCodec;
    }

    @Override
    public Codec<V> valueCodec() {
        return valueCodec;
    }

    /** @return whether the key codec follows the app's {@code key_serializer} */
    public boolean keyFromSettings() {
        return keyFromSettings;
    }

    /** @return whether the value codec follows the app's {@code value_serializer} */
    public boolean valueFromSettings() {
        return valueFromSettings;
    }

    /**
     * Replaces the codecs that follow the app's settings (the environment and the command line may change
     * them after the topic was declared); codecs given for the topic stay.
     *
     * @param key the {@code key_serializer} codec for the key type
     * @param value the {@code value_serializer} codec for the value type
     */
    public void settingsCodecs(Codec<K> key, Codec<V> value) {
        if (keyFromSettings) {
            this.keyCodec = key;
        }
        if (valueFromSettings) {
            this.valueCodec = value;
        }
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
        return keyCodec.decode(data);
    }

    /**
     * @param data encoded value
     * @return the decoded value
     */
    public V decodeValue(byte[] data) {
        return valueCodec.decode(data);
    }

    @Override
    public String toString() {
        return name;
    }
}
