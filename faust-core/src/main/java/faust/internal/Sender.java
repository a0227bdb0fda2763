package faust.internal;

import faust.SendResult;
import faust.Settings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Sends encoded records to Kafka; one per worker, or one per app outside a worker. */
public interface Sender extends AutoCloseable {
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

    /** @return true when this sender was opened on demand outside a worker (and is closed by the app) */
    boolean standalone();

    @Override
    void close();

    /**
     * @param settings resolved settings
     * @param clientId client id prefix
     * @return a producer opened on demand
     */
    static Sender standalone(Settings settings, String clientId) {
        return Transport.get().standaloneSender(settings, clientId);
    }
}
