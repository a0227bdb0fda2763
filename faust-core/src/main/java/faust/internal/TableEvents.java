package faust.internal;

import faust.Event;
import faust.WindowRange;
import faust.Windowed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callbacks of one table the runtime calls: recovered, changelog records read, windows closed. A failing
 * callback is logged and does not stop the others or the runtime.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TableEvents<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(TableEvents.class);

    /**
     * A changelog record given to {@code onChangelogEvent} callbacks.
     *
     * @param key the key (a {@link Windowed} key for a windowed table)
     * @param value the value, null for a delete
     * @param topic the changelog topic
     * @param partition its partition
     * @param offset the record's offset
     * @param timestamp the record's timestamp
     * @param headers its headers
     * @param <K> key type
     * @param <V> value type
     */
    public record ChangelogEvent<K, V>(K key, V value, String topic, int partition, long offset, long timestamp,
                                       Map<String, byte[]> headers) implements Event<K, V> {
        /** Nothing to acknowledge: the changelog reader keeps its own position. */
        @Override
        public void ack() {
        }

        /**
         * @throws faust.FaustException always: a changelog record's bytes are not kept; use {@link #send}
         */
        @Override
        public java.util.concurrent.CompletableFuture<faust.SendResult> forward(faust.Topic<?, ?> topic) {
            throw new faust.FaustException("a table's changelog event cannot be forwarded as it was read: send its"
                    + " key and value with event.send(topic, key, value)");
        }

        @Override
        public <K2, V2> java.util.concurrent.CompletableFuture<faust.SendResult> send(faust.Topic<K2, V2> topic,
                                                                                     K2 key, V2 value) {
            return topic.send(key, value);
        }
    }

    private final TableImpl<K, V> table;
    private final List<Runnable> recovered = new CopyOnWriteArrayList<>();
    private final List<Consumer<Event<Object, V>>> changelog = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Windowed<K>, V>> closed = new CopyOnWriteArrayList<>();

    TableEvents(TableImpl<K, V> table) {
        this.table = table;
    }

    /** @param callback called after the table's partitions recovered */
    public void onRecover(Runnable callback) {
        recovered.add(java.util.Objects.requireNonNull(callback, "callback"));
    }

    /** @param callback called with each changelog record read into the table */
    @SuppressWarnings("unchecked")
    public void onChangelogEvent(Consumer<? extends Event<?, V>> callback) {
        changelog.add((Consumer<Event<Object, V>>) java.util.Objects.requireNonNull(callback, "callback"));
    }

    /** @param callback called with each window the sweep closes and its last value */
    public void onWindowClose(BiConsumer<Windowed<K>, V> callback) {
        closed.add(java.util.Objects.requireNonNull(callback, "callback"));
    }

    /** @return whether anything listens to changelog records (they are decoded only then) */
    public boolean wantsChangelog() {
        return !changelog.isEmpty();
    }

    /** @return whether anything listens to closed windows */
    public boolean wantsClosed() {
        return !closed.isEmpty();
    }

    /** Calls the {@code onRecover} callbacks. */
    public void recovered() {
        for (Runnable r : recovered) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("table {}: onRecover callback failed: {}", table.name(), e.toString(), e);
            }
        }
    }

    /**
     * Calls the {@code onChangelogEvent} callbacks with one record as the table's store keeps it.
     *
     * @param storeKey the store key (a window's store key for a windowed table)
     * @param value the value bytes, or null
     * @param topic changelog topic
     * @param partition partition
     * @param offset offset
     * @param timestamp timestamp
     */
    public void changelogRecord(byte[] storeKey, byte[] value, String topic, int partition, long offset,
                                long timestamp) {
        Event<Object, V> event;
        try {
            Object key = table.window() == null ? table.decodeKey(storeKey) : windowed(storeKey);
            event = new ChangelogEvent<>(key, value == null ? null : table.decodeStored(value), topic, partition,
                    offset, timestamp, Map.of());
        } catch (RuntimeException e) {
            LOG.warn("table {}: changelog record {}-{}@{} not decoded for onChangelogEvent: {}", table.name(), topic,
                    partition, offset, e.toString());
            return;
        }
        for (Consumer<Event<Object, V>> c : changelog) {
            try {
                c.accept(event);
            } catch (RuntimeException e) {
                LOG.error("table {}: onChangelogEvent callback failed: {}", table.name(), e.toString(), e);
            }
        }
    }

    /**
     * Calls the {@code onWindowClose} callbacks.
     *
     * @param windowKey the window's store key
     * @param value its last value bytes, or null
     */
    public void windowClosed(byte[] windowKey, byte[] value) {
        Windowed<K> w;
        V v;
        try {
            w = windowed(windowKey);
            v = value == null ? table.missingValue() : table.decodeStored(value);
        } catch (RuntimeException e) {
            LOG.warn("table {}: closed window not decoded for onWindowClose: {}", table.name(), e.toString());
            return;
        }
        for (BiConsumer<Windowed<K>, V> c : closed) {
            try {
                c.accept(w, v);
            } catch (RuntimeException e) {
                LOG.error("table {}: onWindowClose callback failed for {}: {}", table.name(), w, e.toString(), e);
            }
        }
    }

    /** @param windowKey a window's store key @return the key and window */
    public Windowed<K> windowed(byte[] windowKey) {
        long start = WindowStoreKeys.start(windowKey);
        return new Windowed<>(table.decodeKey(WindowStoreKeys.key(windowKey)),
                WindowRange.ofMillis(start, table.window().end(start)));
    }
}
