package faust.testkit.internal;

import faust.SendResult;
import faust.spi.RecordSender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A broker in a list: a {@link RecordSender} that appends every record to an in-memory log per topic and
 * partition (partition 0 unless the sender names one), completes its future at once with the record's
 * offset, and hands records of subscribed topics to a listener — the way a consumer would get them.
 *
 * <p>Thread-safe. Appending and handing over happen under one lock, so a listener sees the records of
 * a partition in offset order; listeners must not block.
 */
public final class InMemorySender implements RecordSender {
    /**
     * One record as it was sent: encoded key and value, headers, and where it was stored.
     *
     * @param topic topic name
     * @param partition partition
     * @param offset offset in that partition, from 0
     * @param timestamp epoch milliseconds when it was sent
     * @param key encoded key, or null
     * @param value encoded value, or null
     * @param headers headers, never null
     */
    public record Stored(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                         Map<String, byte[]> headers) {
    }

    private final Map<String, List<Stored>> byTopic = new HashMap<>();
    private final Map<String, Long> nextOffset = new HashMap<>();
    private final Map<String, Consumer<Stored>> listeners = new HashMap<>();

    /** An empty log with no listeners. */
    public InMemorySender() {
    }

    /**
     * Hands every record later sent to {@code topic} to {@code listener}, under the sender's lock.
     *
     * @param topic topic name
     * @param listener gets each record; must not block
     */
    public synchronized void subscribe(String topic, Consumer<Stored> listener) {
        listeners.put(topic, listener);
    }

    /** @param topic topic name whose listener is removed */
    public synchronized void unsubscribe(String topic) {
        listeners.remove(topic);
    }

    @Override
    public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                              Map<String, byte[]> headers) {
        int p = partition == null ? 0 : partition;
        if (p < 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "partition " + p + " of topic " + topic + " does not exist"));
        }
        Stored stored;
        Consumer<Stored> listener;
        synchronized (this) {
            long offset = nextOffset.merge(topic + "\u0000" + p, 1L, Long::sum) - 1;
            stored = new Stored(topic, p, offset, System.currentTimeMillis(), copy(key), copy(value),
                    copy(headers));
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(stored);
            listener = listeners.get(topic);
            if (listener != null) {
                listener.accept(stored);
            }
        }
        return CompletableFuture.completedFuture(
                new SendResult(stored.topic(), stored.partition(), stored.offset(), stored.timestamp()));
    }

    /**
     * @param topic topic name
     * @return the records sent to it so far, in the order they were sent
     */
    public synchronized List<Stored> records(String topic) {
        List<Stored> l = byTopic.get(topic);
        return l == null ? List.of() : List.copyOf(l);
    }

    /** @return names of the topics that got at least one record */
    public synchronized List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    /** Nothing to do: every record is stored when it is sent. */
    @Override
    public void flush() {
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    private static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }

    private static Map<String, byte[]> copy(Map<String, byte[]> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, byte[]> m = new LinkedHashMap<>();
        headers.forEach((k, v) -> m.put(k, copy(v)));
        return Collections.unmodifiableMap(m);
    }
}
