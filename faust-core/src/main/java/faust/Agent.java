package faust;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stream processor: a function looping over the events of its topics, run by every worker on the
 * partitions it is assigned. Created with {@link App#agent}; an agent that emits results is a
 * {@link YieldingAgent} and can be asked.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Agent<K, V> {
    /** @return the app that declared the agent */
    App app();

    /** @return the agent's name */
    String name();

    /** @return the topic the agent reads; for an agent over several topics, the first (sends and asks go there) */
    Topic<K, V> topic();

    /**
     * @return every topic the agent reads, in declaration order; a topic made with
     *     {@link App#topic(java.util.regex.Pattern, Class, Class, java.util.function.Consumer)} stands for every
     *     topic whose name matches
     */
    List<Topic<K, V>> topics();

    /** @return the number of instances run per worker (1 with isolated partitions: one per partition) */
    int concurrency();

    /** @return whether the agent runs one instance per assigned partition */
    boolean isolatedPartitions();

    /**
     * Sends a value to the agent's topic.
     *
     * @param value the value
     * @return completes when the broker acknowledged it
     */
    default CompletableFuture<SendResult> send(V value) {
        return topic().send(value);
    }

    /**
     * Sends a keyed value to the agent's topic.
     *
     * @param key the key (picks the partition)
     * @param value the value
     * @return completes when the broker acknowledged it
     */
    default CompletableFuture<SendResult> send(K key, V value) {
        return topic().send(key, value);
    }

    /**
     * Sends a value to the agent without asking for a reply (Faust's {@code cast}; the same as {@link #send}).
     *
     * @param value the value
     * @return completes when the broker acknowledged it
     */
    default CompletableFuture<SendResult> cast(V value) {
        return send(value);
    }

    /**
     * Sends a keyed value to the agent without asking for a reply.
     *
     * @param key the key (picks the partition)
     * @param value the value
     * @return completes when the broker acknowledged it
     */
    default CompletableFuture<SendResult> cast(K key, V value) {
        return send(key, value);
    }
}
