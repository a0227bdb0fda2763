package faust;

import faust.codecs.Codec;
import faust.codecs.Codecs;

/** Options of a topic, set in the lambda given to {@code app.topic(name, K, V, t -> t.partitions(4))}. */
public final class TopicOptions {
    private Integer partitions;
    private Short replicas;
    private Codec keyCodec;
    private Codec valueCodec;
    private boolean internal;

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
