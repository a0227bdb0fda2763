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
    public CompletableFuture<SendResult> sendObjects(Object key, Object value, Map<String, byte[]> headers) {
        return sender.get().send(name, null, keyCodec.encode(key), valueCodec.encode(value), headers);
    }

    /**
     * @param key a key of this topic's key type (unchecked)
     * @return its bytes
     */
    public byte[] encodeKeyObject(Object key) {
        return keyCodec.encode(key);
    }

    /**
     * @param value a value of this topic's value type (unchecked)
     * @return its bytes
     */
    public byte[] encodeValueObject(Object value) {
        return valueCodec.encode(value);
    }

    /**
     * A topic the app owns with this topic's codecs and other types (a repartition topic), created with
     * {@code topic_partitions} partitions.
     *
     * @param topicName its name
     * @param newKeyType its key type (keys are encoded with this topic's key codec)
     * @param newValueType its value type
     * @param <K2> key type
     * @param <V2> value type
     * @return the topic
     */
    public <K2, V2> TopicImpl<K2, V2> derive(String topicName, Class<K2> newKeyType, Class<V2> newValueType) {
        return new TopicImpl<>(sender, topicName, newKeyType, newValueType, keyCodec, valueCodec, null, true);
    }

    /**
     * @param other another topic
     * @return whether key bytes of this topic read as the same keys in {@code other} (same codec and type)
     */
    public boolean sameKeyEncoding(TopicImpl<?, ?> other) {
        return keyCodec.name().equals(other.keyCodec.name()) && keyType == other.keyType;
    }

    /**
     * @param other another topic
     * @return whether value bytes of this topic read as the same values in {@code other} (same codec and type)
     */
    public boolean sameValueEncoding(TopicImpl<?, ?> other) {
        return valueCodec.name().equals(other.valueCodec.name()) && valueType == other.valueType;
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
