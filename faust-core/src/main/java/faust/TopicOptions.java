package faust;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import faust.codecs.Codec;

/**
 * Options of a topic, set in the lambda given to {@code app.topic(name, K, V, t -> t.partitions(4))}.
 *
 * <p>Codecs: a name ({@code t.valueCodec("json|binary")}) is made for the topic's declared type by the app's
 * {@link faust.codecs.CodecRegistry} ({@code app.codecs()}: {@code raw}, {@code string}, {@code json},
 * {@code binary}, chains joined by {@code |}, and any codec registered there); a {@link Codec} is used as it
 * is ({@code t.valueCodec(Codecs.json(Order.class))}). Without either, keys use the app's
 * {@code key_serializer} ({@code raw}) and values its {@code value_serializer} ({@code json}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TopicOptions<K, V> {
    private Integer partitions;
    private Short replicas;
    private String keyCodecName;
    private Codec<K> keyCodec;
    private String valueCodecName;
    private Codec<V> valueCodec;
    private boolean internal;
    private final Map<String, String> config = new LinkedHashMap<>();

    TopicOptions() {
    }

    /**
     * @param n number of partitions used when Faust creates the topic (it never alters an existing one)
     * @return this
     */
    public TopicOptions<K, V> partitions(int n) {
        if (n < 1) {
            throw new ConfigException("topic partitions must be at least 1, not " + n);
        }
        this.partitions = n;
        return this;
    }

    /**
     * @param n replication factor used when Faust creates the topic
     * @return this
     */
    public TopicOptions<K, V> replicas(int n) {
        if (n < 1 || n > Short.MAX_VALUE) {
            throw new ConfigException("topic replicas must be at least 1, not " + n);
        }
        this.replicas = (short) n;
        return this;
    }

    /**
     * @param name the key codec by name: {@code raw}, {@code string}, {@code json}, {@code binary}, a chain
     *             such as {@code json|binary}, or a codec registered with {@code app.codecs()}
     * @return this
     */
    public TopicOptions<K, V> keyCodec(String name) {
        this.keyCodecName = name;
        this.keyCodec = null;
        return this;
    }

    /**
     * @param codec how keys are encoded, e.g. {@code Codecs.json(OrderKey.class)}
     * @return this
     */
    public TopicOptions<K, V> keyCodec(Codec<K> codec) {
        this.keyCodec = codec;
        this.keyCodecName = null;
        return this;
    }

    /**
     * @param name the value codec by name: {@code raw}, {@code string}, {@code json}, {@code binary}, a chain
     *             such as {@code json|binary}, or a codec registered with {@code app.codecs()}
     * @return this
     */
    public TopicOptions<K, V> valueCodec(String name) {
        this.valueCodecName = name;
        this.valueCodec = null;
        return this;
    }

    /**
     * @param codec how values are encoded, e.g. {@code Codecs.json(Order.class)}
     * @return this
     */
    public TopicOptions<K, V> valueCodec(Codec<V> codec) {
        this.valueCodec = codec;
        this.valueCodecName = null;
        return this;
    }

    /**
     * Marks the topic as owned by this app: the worker creates it when it starts (with
     * {@code topic_partitions} and {@code topic_replication_factor}, unless given here) if it is missing,
     * whether agents read it or the app only sends to it.
     *
     * @param internal whether the app owns the topic
     * @return this
     */
    public TopicOptions<K, V> internal(boolean internal) {
        this.internal = internal;
        return this;
    }

    /**
     * How long the broker keeps records ({@code retention.ms}), as Faust's {@code retention}. Used when the
     * worker creates the topic; an existing topic is never altered.
     *
     * @param retention the retention
     * @return this
     */
    public TopicOptions<K, V> retention(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new ConfigException("topic retention must be positive, not " + retention);
        }
        return config("retention.ms", Long.toString(retention.toMillis()));
    }

    /**
     * Log compaction, as Faust's {@code compacting}: the broker keeps the newest record of each key. With
     * {@link #deleting} too, {@code cleanup.policy=compact,delete}. Used when the worker creates the topic.
     *
     * @param compacting whether to compact
     * @return this
     */
    public TopicOptions<K, V> compacting(boolean compacting) {
        return policy("compact", compacting);
    }

    /**
     * Deletion of old segments, as Faust's {@code deleting} ({@code cleanup.policy=delete}, the broker's
     * default). Used when the worker creates the topic.
     *
     * @param deleting whether old records are deleted after the retention
     * @return this
     */
    public TopicOptions<K, V> deleting(boolean deleting) {
        return policy("delete", deleting);
    }

    /**
     * Any topic config, as Faust's {@code config} (e.g. {@code min.insync.replicas}, {@code segment.bytes}).
     * Used when the worker creates the topic; an existing topic is never altered.
     *
     * @param key a Kafka topic config name
     * @param value its value
     * @return this
     */
    public TopicOptions<K, V> config(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new ConfigException("topic config needs a name and a value, not " + key + "=" + value);
        }
        config.put(key.trim(), value.trim());
        return this;
    }

    private TopicOptions<K, V> policy(String policy, boolean on) {
        java.util.Set<String> policies = new java.util.TreeSet<>();
        String now = config.get("cleanup.policy");
        if (now != null) {
            for (String p : now.split(",")) {
                if (!p.isBlank()) {
                    policies.add(p.trim());
                }
            }
        }
        if (on) {
            policies.add(policy);
        } else {
            policies.remove(policy);
        }
        if (policies.isEmpty()) {
            config.remove("cleanup.policy");
        } else {
            config.put("cleanup.policy", String.join(",", policies));
        }
        return this;
    }

    Map<String, String> config() {
        return Map.copyOf(config);
    }

    Integer partitions() {
        return partitions;
    }

    Short replicas() {
        return replicas;
    }

    String keyCodecName() {
        return keyCodecName;
    }

    Codec<K> keyCodec() {
        return keyCodec;
    }

    String valueCodecName() {
        return valueCodecName;
    }

    Codec<V> valueCodec() {
        return valueCodec;
    }

    boolean internal() {
        return internal;
    }
}
