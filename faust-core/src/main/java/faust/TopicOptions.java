package faust;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import faust.codecs.Codec;
import faust.codecs.Codecs;

/** Options of a topic, set in the lambda given to {@code app.topic(name, K, V, t -> t.partitions(4))}. */
public final class TopicOptions {
    private Integer partitions;
    private Short replicas;
    private Codec keyCodec;
    private Codec valueCodec;
    private boolean internal;
    private final Map<String, String> config = new LinkedHashMap<>();

    /**
     * @param n number of partitions used when Faust creates the topic (it never alters an existing one)
     * @return this
     */
    public TopicOptions partitions(int n) {
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
    public TopicOptions replicas(int n) {
        if (n < 1 || n > Short.MAX_VALUE) {
            throw new ConfigException("topic replicas must be at least 1, not " + n);
        }
        this.replicas = (short) n;
        return this;
    }

    /**
     * @param codec how keys are encoded; a codec or a name: {@code raw}, {@code string}, {@code json}
     * @return this
     */
    public TopicOptions keyCodec(Codec codec) {
        this.keyCodec = codec;
        return this;
    }

    /**
     * @param name {@code raw}, {@code string} or {@code json}
     * @return this
     */
    public TopicOptions keyCodec(String name) {
        return keyCodec(Codecs.byName(name));
    }

    /**
     * @param codec how values are encoded
     * @return this
     */
    public TopicOptions valueCodec(Codec codec) {
        this.valueCodec = codec;
        return this;
    }

    /**
     * @param name {@code raw}, {@code string} or {@code json}
     * @return this
     */
    public TopicOptions valueCodec(String name) {
        return valueCodec(Codecs.byName(name));
    }

    /**
     * Marks the topic as owned by this app: the worker creates it with {@code topic_partitions} and
     * {@code topic_replication_factor} when it is missing.
     *
     * @param internal whether the app owns the topic
     * @return this
     */
    public TopicOptions internal(boolean internal) {
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
    public TopicOptions retention(Duration retention) {
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
    public TopicOptions compacting(boolean compacting) {
        return policy("compact", compacting);
    }

    /**
     * Deletion of old segments, as Faust's {@code deleting} ({@code cleanup.policy=delete}, the broker's
     * default). Used when the worker creates the topic.
     *
     * @param deleting whether old records are deleted after the retention
     * @return this
     */
    public TopicOptions deleting(boolean deleting) {
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
    public TopicOptions config(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new ConfigException("topic config needs a name and a value, not " + key + "=" + value);
        }
        config.put(key.trim(), value.trim());
        return this;
    }

    private TopicOptions policy(String policy, boolean on) {
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

    /** @return topic configs set (retention, cleanup policy, others), used when the worker creates it */
    public Map<String, String> config() {
        return Map.copyOf(config);
    }

    /** @return partitions set, or null for the app default */
    public Integer partitions() {
        return partitions;
    }

    /** @return replicas set, or null for the app default */
    public Short replicas() {
        return replicas;
    }

    /** @return the key codec set, or null for the app default */
    public Codec keyCodec() {
        return keyCodec;
    }

    /** @return the value codec set, or null for the app default */
    public Codec valueCodec() {
        return valueCodec;
    }

    /** @return whether the app owns the topic */
    public boolean internal() {
        return internal;
    }
}
