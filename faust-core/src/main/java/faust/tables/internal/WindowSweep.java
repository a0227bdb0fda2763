package faust.tables.internal;

import faust.internal.Sender;
import faust.internal.WindowSpec;
import faust.internal.WindowStoreKeys;
import faust.stores.Change;
import faust.stores.CloseableIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Closes the expired windows of one partition of a windowed table: windows ending at or before the new
 * watermark ({@code table time - expires}) are deleted from the store together with the new watermark in one
 * atomic batch, tombstoned in the changelog (Faust's {@code [key,[start,end]]} keys), and — those that ended
 * after the previous watermark, so never one twice — reported to the table's {@code onWindowClose} callbacks,
 * after the batch was written. The watermark and the table time live in the store, so windows that expired
 * before a stop but were not swept are reported by the first sweep after the restart, and none is reported
 * again.
 *
 * <p>Exactly-once ({@link #closeInTransaction}): the sweep runs at a commit's cut instead, so it sees the table as
 * the transaction commits it; the closed windows become tombstones in the write cache (sent into the transaction
 * with the other changes, deleted from the store once it committed), the watermark is stored with them, and the
 * windows are reported only after the commit. An aborted transaction closes nothing.
 */
final class WindowSweep {
    private WindowSweep() {
    }

    /**
     * @param h a held partition of an expiring windowed table
     * @param closeUpTo the new watermark: windows ending at or before it close
     * @param sender the worker's producer (tombstones)
     * @param tombstone the runtime's marker of a deleted key in the write cache
     * @return the number of windows removed
     */
    static int sweep(Held h, long closeUpTo, Sender sender, byte[] tombstone) {
        List<byte[][]> report = new ArrayList<>();
        int removed;
        synchronized (h) {
            long previous = h.closedUpTo;
            if (closeUpTo <= previous || !h.store.isOpen()) {
                return 0;
            }
            WindowSpec spec = h.window;
            List<Key> cached = new ArrayList<>();
            TreeMap<byte[], byte[]> closing = closing(h, closeUpTo, tombstone, cached);
            List<Change> changes = new ArrayList<>(closing.size() + 1);
            for (Map.Entry<byte[], byte[]> e : closing.entrySet()) {
                changes.add(Change.delete(e.getKey()));
                if (spec.end(WindowStoreKeys.start(e.getKey())) > previous) {
                    report.add(new byte[][] {e.getKey(), e.getValue()});
                }
            }
            changes.add(Change.put(WindowStoreKeys.watermark(), WindowStoreKeys.encodeLong(closeUpTo)));
            h.store.apply(changes);
            h.closedUpTo = closeUpTo;
            cached.forEach(h.dirty::remove);
            for (byte[] key : closing.keySet()) {
                sender.send(h.table.changelogTopic(), h.partition, h.changelogKey(key), null, Map.of())
                        .whenComplete((r, err) -> {
                            if (r != null) {
                                h.acked.accumulateAndGet(r.offset(), Math::max);
                            }
                        });
            }
            removed = closing.size();
        }
        if (h.table.events().wantsClosed()) {
            for (byte[][] w : report) {
                h.table.events().windowClosed(w[0], w[1]);
            }
        }
        return removed;
    }

    /**
     * Exactly-once, at a commit's cut (no event in flight): closes the windows ending at or before
     * {@code closeUpTo} in the open transaction. Each becomes a tombstone in the write cache (its changelog
     * tombstone goes into the transaction with the cut's other changes); the new watermark and the windows to
     * report wait in {@code h} for the commit ({@link TableRuntime}); reads and late events see the new watermark
     * at once, and an abort puts the stored one back.
     *
     * @param h a held partition of an expiring windowed table
     * @param closeUpTo the new watermark
     * @param tombstone the runtime's marker of a deleted key in the write cache
     * @return the number of windows closed
     */
    static int closeInTransaction(Held h, long closeUpTo, byte[] tombstone) {
        synchronized (h) {
            long previous = h.closedUpTo;
            if (closeUpTo <= previous || !h.store.isOpen()) {
                return 0;
            }
            WindowSpec spec = h.window;
            TreeMap<byte[], byte[]> closing = closing(h, closeUpTo, tombstone, new ArrayList<>());
            boolean report = h.table.events().wantsClosed();
            for (Map.Entry<byte[], byte[]> e : closing.entrySet()) {
                h.dirty.put(new Key(e.getKey()), tombstone);
                if (h.dirtyIndex != null) {
                    h.dirtyIndex.added(e.getKey());
                }
                if (report && spec.end(WindowStoreKeys.start(e.getKey())) > previous) {
                    h.closingInTransaction.add(new byte[][] {e.getKey(), e.getValue()});
                }
            }
            h.closedUpTo = closeUpTo;
            h.watermarkInTransaction = closeUpTo;
            return closing.size();
        }
    }

    /**
     * The windows of {@code h} ending at or before {@code closeUpTo} with their newest values: the store's, overlaid
     * by the write cache (a cached tombstone removes a stored window); the caller holds {@code h}.
     *
     * @param cached gets the write cache's keys among them (cached changes and tombstones)
     * @return the closing windows by store key
     */
    private static TreeMap<byte[], byte[]> closing(Held h, long closeUpTo, byte[] tombstone, List<Key> cached) {
        WindowSpec spec = h.window;
        TreeMap<byte[], byte[]> closing = new TreeMap<>(Arrays::compareUnsigned);
        try (CloseableIterator<Map.Entry<byte[], byte[]>> it = h.store.range(null, WindowStoreKeys.windowsTo())) {
            while (it.hasNext()) {
                Map.Entry<byte[], byte[]> e = it.next();
                if (spec.end(WindowStoreKeys.start(e.getKey())) <= closeUpTo) {
                    closing.put(e.getKey(), e.getValue());
                }
            }
        }
        h.dirty.forEach((k, v) -> {
            byte[] key = k.bytes();
            if (WindowStoreKeys.isWindow(key) && spec.end(WindowStoreKeys.start(key)) <= closeUpTo) {
                cached.add(k);
                if (v == tombstone) {
                    closing.remove(key);
                } else {
                    closing.put(key, v);
                }
            }
        });
        return closing;
    }
}
