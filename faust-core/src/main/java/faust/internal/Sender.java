package faust.internal;

import faust.SendResult;
import faust.Settings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

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

    /**
     * Sends to the partitioner's choice of partition and calls {@code done} once the broker acknowledged the
     * record ({@code done(metadata, null)}) or the send failed ({@code done(null, error)}), on the producer's
     * thread; lighter than a future (the per-record path of the stream operators). A failure is also
     * remembered as {@link #send(String, Integer, byte[], byte[], Map)}'s are.
     *
     * @param topic topic name
     * @param key encoded key or null
     * @param value encoded value or null
     * @param headers headers, may be empty
     * @param done told how it went
     */
    default void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers,
                      BiConsumer<Object, Throwable> done) {
        send(topic, null, key, value, headers).whenComplete(done);
    }

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
