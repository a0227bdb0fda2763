package faust.spi;

import faust.SendResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where an app's encoded records go: a Kafka producer, or a test's in-memory log. Thread-safe.
 */
public interface RecordSender extends AutoCloseable {
    /**
     * @param topic topic name
     * @param partition partition, or null for the partitioner's choice
     * @param key encoded key or null
     * @param value encoded value or null
     * @param headers headers, may be empty
     * @return completes with where the record went, or exceptionally when it could not be sent
     */
    CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                       Map<String, byte[]> headers);

    /** Waits until every record sent so far was acknowledged or failed. */
    void flush();

    /** Releases it; nothing by default. */
    @Override
    default void close() {
    }
}
