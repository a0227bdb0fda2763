package faust.internal;

import faust.ConfigException;
import faust.SendResult;
import faust.Topic;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.CodecRegistry;
import faust.codecs.TypeRef;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
    private final Pattern pattern;
    private volatile Codec<K> keyCodec;
    private volatile Codec<V> valueCodec;

    /**
     * One topic without topic configs (see the full constructor).
     *
     * @param sender where sends go
     * @param name topic name
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec
     * @param valueCodec value codec
     * @param keyFromSettings whether the key codec is the app's {@code key_serializer}
     * @param valueFromSettings whether the value codec is the app's {@code value_serializer}
     * @param partitions partitions when created, or null
     * @param replicas replication factor when created, or null
     * @param internal whether the app owns it
     */
    public TopicImpl(Supplier<Sender> sender, String name, TypeRef<K> keyType, TypeRef<V> valueType,
                     Codec<K> keyCodec, Codec<V> valueCodec, boolean keyFromSettings, boolean valueFromSettings,
                     Integer partitions, Short replicas, boolean internal) {
        this(sender, name, keyType, valueType, keyCodec, valueCodec, keyFromSettings, valueFromSettings, partitions,
                replicas, Map.of(), internal, null);
    }

    /**
     * A topic or a pattern of topics without topic configs (see the full constructor).
     *
     * @param sender where sends go
     * @param name topic name (for a pattern: its regular expression)
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec
     * @param valueCodec value codec
     * @param keyFromSettings whether the key codec is the app's {@code key_serializer}
     * @param valueFromSettings whether the value codec is the app's {@code value_serializer}
     * @param partitions partitions when created, or null
     * @param replicas replication factor when created, or null
     * @param internal whether the app owns it
     * @param pattern the names it stands for (every topic whose whole name matches), or null for one topic
     */
    public TopicImpl(Supplier<Sender> sender, String name, TypeRef<K> keyType, TypeRef<V> valueType,
                     Codec<K> keyCodec, Codec<V> valueCodec, boolean keyFromSettings, boolean valueFromSettings,
                     Integer partitions, Short replicas, boolean internal, Pattern pattern) {
        this(sender, name, keyType, valueType, keyCodec, valueCodec, keyFromSettings, valueFromSettings, partitions,
                replicas, Map.of(), internal, pattern);
    }

    /**
     * @param sender where sends go
     * @param name topic name (for a pattern: its regular expression)
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
     * @param pattern the names it stands for (every topic whose whole name matches), or null for one topic
     */
    public TopicImpl(Supplier<Sender> sender, String name, TypeRef<K> keyType, TypeRef<V> valueType,
                     Codec<K> keyCodec, Codec<V> valueCodec, boolean keyFromSettings, boolean valueFromSettings,
                     Integer partitions, Short replicas, Map<String, String> config, boolean internal,
                     Pattern pattern) {
        this.config = Map.copyOf(config);
        this.pattern = pattern;
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
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public CompletableFuture<SendResult> send(K key, V value) {
        return send(key, value, Map.of());
    }

    /**
     * Sends a keyed value with headers.
     *
     * @param key the key, or null
     * @param value the value, or null
     * @param headers headers, in the order they are written
     * @return completes when the broker acknowledged the record
     * @throws ConfigException for a topic pattern
     */
    public CompletableFuture<SendResult> send(K key, V value, Map<String, byte[]> headers) {
        if (pattern != null) {
            throw new ConfigException("topic pattern " + name + " cannot be sent to: send to one of the topics it"
                    + " matches");
        }
        byte[] k = keyCodec.encode(key);
        byte[] v = valueCodec.encode(value);
        return sender.get().send(name, null, k, v, headers);
    }

    /**
     * Sends bytes as they are (forwarding a message).
     *
     * @param key key bytes or null
     * @param value value bytes or null
     * @param headers headers, never null
     * @return completes when the broker acknowledged the record
     */
    public CompletableFuture<SendResult> sendRaw(byte[] key, byte[] value, Map<String, byte[]> headers) {
        return sender.get().send(name, null, key, value, headers);
    }

    /**
     * Sends bytes as they are and calls {@code done} when the broker acknowledged them or the send failed (see
     * {@link Sender#send(String, byte[], byte[], Map, java.util.function.BiConsumer)}).
     *
     * @param key key bytes or null
     * @param value value bytes or null
     * @param headers headers, never null
     * @param done told how it went, on the producer's thread
     */
    public void sendRaw(byte[] key, byte[] value, Map<String, byte[]> headers,
                        java.util.function.BiConsumer<Object, Throwable> done) {
        sender.get().send(name, key, value, headers, done);
    }

    /**
     * Encodes a key and a value of this topic's types (unchecked: the stream operators know them only at run
     * time) and sends them with headers.
     *
     * @param key the key or null
     * @param value the value or null
     * @param headers headers, never null
     * @return completes when the broker acknowledged the record
     * @throws faust.codecs.CodecException when a codec cannot encode them
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<SendResult> sendObjects(Object key, Object value, Map<String, byte[]> headers) {
        return sender.get().send(name, null, keyCodec.encode((K) key), valueCodec.encode((V) value), headers);
    }

    /**
     * @param key a key of this topic's key type (unchecked)
     * @return its bytes
     */
    @SuppressWarnings("unchecked")
    public byte[] encodeKeyObject(Object key) {
        return keyCodec.encode((K) key);
    }

    /**
     * @param value a value of this topic's value type (unchecked)
     * @return its bytes
     */
    @SuppressWarnings("unchecked")
    public byte[] encodeValueObject(Object value) {
        return valueCodec.encode((V) value);
    }

    /**
     * A topic the app owns with this topic's sender and other types (a repartition topic), created with
     * {@code topic_partitions} partitions. A type this topic has keeps its codec; another type gets the codec of
     * the same name from {@code registry} ({@code json} when that one cannot encode it).
     *
     * @param topicName its name
     * @param newKeyType its key type
     * @param newValueType its value type
     * @param registry the app's codecs
     * @param <K2> key type
     * @param <V2> value type
     * @return the topic
     */
    public <K2, V2> TopicImpl<K2, V2> derive(String topicName, TypeRef<K2> newKeyType, TypeRef<V2> newValueType,
                                             CodecRegistry registry) {
        return new TopicImpl<>(sender, topicName, newKeyType, newValueType,
                codecFor(keyCodec, keyType, newKeyType, registry), codecFor(valueCodec, valueType, newValueType, registry),
                false, false, null, null, true);
    }

    @SuppressWarnings("unchecked")
    private static <T> Codec<T> codecFor(Codec<?> codec, TypeRef<?> type, TypeRef<T> newType, CodecRegistry registry) {
        if (type.equals(newType)) {
            return (Codec<T>) codec;
        }
        try {
            return registry.codec(codec.name(), newType);
        } catch (CodecException e) {
            return registry.codec("json", newType);
        }
    }

    /**
     * @param other another topic
     * @return whether key bytes of this topic read as the same keys in {@code other} (same codec and type)
     */
    public boolean sameKeyEncoding(TopicImpl<?, ?> other) {
        return keyCodec.name().equals(other.keyCodec.name()) && keyType.equals(other.keyType);
    }

    /**
     * @param other another topic
     * @return whether value bytes of this topic read as the same values in {@code other} (same codec and type)
     */
    public boolean sameValueEncoding(TopicImpl<?, ?> other) {
        return valueCodec.name().equals(other.valueCodec.name()) && valueType.equals(other.valueType);
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
