package faust;

import java.util.concurrent.CompletableFuture;

/**
 * A stream processor: a function looping over the events of one topic, run by every worker on the
 * partitions it is assigned. Created with {@link App#agent}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Agent<K, V> {
    /** @return the app that declared the agent */
    App app();

    /** @return the agent's name */
    String name();

    /** @return the topic the agent reads */
    Topic<K, V> topic();

    /** @return the number of instances run per worker */
    int concurrency();

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
}
