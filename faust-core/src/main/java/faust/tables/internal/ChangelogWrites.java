package faust.tables.internal;

import faust.internal.Sender;
import faust.internal.WindowStoreKeys;
import faust.stores.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes a held partition's cached changes: at-least-once to the store and the changelog at a commit;
 * exactly-once into the open transaction first and to the store once it committed. Both send the same changelog
 * records (Faust's window keys, set operations, the sliding windows' newest-time header); an acknowledged record
 * moves the partition's changelog offset.
 */
final class ChangelogWrites {
    private final Sender sender;
    private final byte[] tombstone;

    /**
     * @param sender the worker's producer
     * @param tombstone the runtime's marker of a deleted key in the write cache
     */
    ChangelogWrites(Sender sender, byte[] tombstone) {
        this.sender = sender;
        this.tombstone = tombstone;
    }

    /** At-least-once: the cached changes to the store (one batch) and the changelog; the caller holds {@code h}. */
    void flushLocked(Held h) {
        List<Map.Entry<Key, byte[]>> entries = new ArrayList<>(h.dirty.entrySet());
        List<Change> changes = new ArrayList<>(entries.size());
        for (Map.Entry<Key, byte[]> e : entries) {
            byte[] k = e.getKey().bytes();
            byte[] v = e.getValue() == tombstone ? null : e.getValue();
            changes.add(v == null ? Change.delete(k) : Change.put(k, v));
            byte[][] record = h.changelogRecord(k, v);
            if (record == null) {
                continue;
            }
            sendChange(h, record);
        }
        if (h.window != null) {
            long time = h.streamTime.get();
            if (time > h.storedStreamTime) {
                changes.add(Change.put(WindowStoreKeys.streamTime(), WindowStoreKeys.encodeLong(time)));
                h.storedStreamTime = time;
            }
        }
        h.store.apply(changes);
        for (Map.Entry<Key, byte[]> e : entries) {
            h.dirty.remove(e.getKey(), e.getValue()); // unless it changed meanwhile
        }
        if (h.dirtyIndex != null) {
            h.dirtyIndex.prune(h.dirty);
        }
    }

    /** Sends one changelog record of {@code h} (at-least-once and exactly-once alike); its ack moves the offset. */
    private void sendChange(Held h, byte[][] record) {
        Map<String, byte[]> headers = record.length > 2 ? Map.of(WindowStoreKeys.MAX_TIME_HEADER, record[2]) : Map.of();
        sender.send(h.table.changelogTopic(), h.partition, record[0], record[1], headers).whenComplete((r, err) -> {
            if (r != null) {
                h.acked.accumulateAndGet(r.offset(), Math::max);
            }
        });
    }

    /**
     * Exactly-once: the changelog records of the cached changes (the same records as at-least-once: Faust's window
     * keys, set operations) go into the open transaction; the store, and a windowed table's time, wait for it to
     * commit.
     */
    void sendInTransaction(Held h) {
        synchronized (h) {
            for (Map.Entry<Key, byte[]> e : h.dirty.entrySet()) {
                byte[] k = e.getKey().bytes();
                byte[] v = e.getValue() == tombstone ? null : e.getValue();
                h.inTransaction.put(e.getKey(), e.getValue());
                byte[][] record = h.changelogRecord(k, v);
                if (record == null) {
                    continue;
                }
                sendChange(h, record);
            }
            if (h.window != null) {
                h.timeInTransaction = h.streamTime.get();
            }
        }
    }

    /**
     * Exactly-once: the transaction committed: its changes go to the store and leave the cache; the windows it
     * closed are handed to {@code closed} for their onWindowClose callbacks (called off the commit's path).
     *
     * @param h the held partition
     * @param closed gets the store key and last value of each window the transaction closed
     */
    void applyCommitted(Held h, BiConsumer<byte[], byte[]> closed) {
        synchronized (h) {
            if (h.inTransaction.isEmpty() && h.watermarkInTransaction == Long.MIN_VALUE) {
                return;
            }
            List<Change> changes = new ArrayList<>(h.inTransaction.size() + 2);
            h.inTransaction.forEach((k, v) -> changes.add(v == tombstone ? Change.delete(k.bytes())
                    : Change.put(k.bytes(), v)));
            if (h.window != null && h.timeInTransaction > h.storedStreamTime) {
                changes.add(Change.put(WindowStoreKeys.streamTime(), WindowStoreKeys.encodeLong(h.timeInTransaction)));
                h.storedStreamTime = h.timeInTransaction;
            }
            if (h.watermarkInTransaction > h.storedClosedUpTo) {
                changes.add(Change.put(WindowStoreKeys.watermark(), WindowStoreKeys.encodeLong(h.watermarkInTransaction)));
                h.storedClosedUpTo = h.watermarkInTransaction;
            }
            h.store.apply(changes);
            h.inTransaction.forEach(h.dirty::remove); // unless it changed meanwhile
            h.inTransaction.clear();
            if (h.dirtyIndex != null) {
                h.dirtyIndex.prune(h.dirty);
            }
            h.watermarkInTransaction = Long.MIN_VALUE;
            h.closingInTransaction.forEach(w -> closed.accept(w[0], w[1]));
            h.closingInTransaction.clear();
        }
    }

}
