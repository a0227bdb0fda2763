package faust.tables.internal;

import faust.internal.TableImpl;
import faust.internal.WindowSpec;
import faust.internal.WindowStoreKeys;
import faust.stores.Change;
import faust.stores.PartitionStore;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One partition of one table held by this worker. */
public final class Held {
    final TableImpl<?, ?> table;
    final int partition;
    final PartitionStore store;
    /**
     * Changes not yet written to the store and the changelog: written at the next commit, so a key
     * updated many times between commits costs one store write and one changelog record.
     */
    final Map<Key, byte[]> dirty = new ConcurrentHashMap<>();
    /**
     * Exactly-once: changes written to the changelog in the open transaction, applied to the store once it
     * committed (they stay in {@link #dirty} until then, so reads see them).
     */
    final Map<Key, byte[]> inTransaction = new HashMap<>();
    /** Offset of the newest changelog record this worker wrote and the broker acknowledged. */
    final AtomicLong acked = new AtomicLong(-1);
    /**
     * Exactly-once: {@link #acked} when the store last got the changes of a committed transaction; the offset
     * stored with the data never counts records whose changes the store does not hold.
     */
    volatile long appliedAcked = -1;
    /** The window spec of a windowed table, else null. */
    final WindowSpec window;
    /** The write cache's keys in store order, for the range scans of sliding windows; else null. */
    final DirtyIndex dirtyIndex;
    /** Whether this is a set table's partition. */
    final boolean sets;
    /** A set table's operations since the last commit: key to member JSON to added (true) / discarded. */
    final Map<Key, Map<Key, Boolean>> setOps = new ConcurrentHashMap<>();
    /** A set table's sets made by the changelog records of the batch being read (reader thread only). */
    final Map<Key, byte[]> replay = new HashMap<>();
    /** Windows ending at or before this (epoch ms) are closed: the sweep's watermark, kept in the store. */
    volatile long closedUpTo;
    /** Exactly-once: the watermark in the store (an abort puts {@link #closedUpTo} back to it). */
    long storedClosedUpTo;
    /** Exactly-once: the watermark the next cut closes windows up to (set by the cleanup service). */
    long sweepDue = Long.MIN_VALUE;
    /** Exactly-once: the watermark of the windows closed in the open transaction, stored once it committed. */
    long watermarkInTransaction = Long.MIN_VALUE;
    /** Exactly-once: windows closed in the open transaction (key, value), reported once it committed. */
    final java.util.List<byte[][]> closingInTransaction = new java.util.ArrayList<>();
    /** A windowed table's time here: the newest time its updates used (stream time), kept in the store. */
    final AtomicLong streamTime = new AtomicLong(Long.MIN_VALUE);
    /** The table time last written to the store. */
    long storedStreamTime = Long.MIN_VALUE;
    /** Exactly-once: the table time when the open transaction's changes were taken (stored after it commits). */
    long timeInTransaction = Long.MIN_VALUE;
    volatile boolean active;

    Held(TableImpl<?, ?> table, int partition, PartitionStore store) {
        this.table = table;
        this.partition = partition;
        this.store = store;
        this.window = table.window();
        this.dirtyIndex = window != null && window.sliding() ? new DirtyIndex() : null;
        this.sets = table.kind() instanceof faust.internal.TableKind.Sets<?>;
        this.closedUpTo = window == null ? Long.MIN_VALUE
                : WindowStoreKeys.decodeLong(store.get(WindowStoreKeys.watermark()));
        this.storedClosedUpTo = closedUpTo;
        if (window != null) {
            storedStreamTime = WindowStoreKeys.decodeLong(store.get(WindowStoreKeys.streamTime()));
            streamTime.set(storedStreamTime);
        }
    }

    /** @return the table */
    public TableImpl<?, ?> table() {
        return table;
    }

    /**
     * The store change of a changelog record: the key as is for a plain table; for a windowed one, Faust's
     * {@code [key,[start,end]]} turned into the window's store key, a window closed here already deleted.
     *
     * @param key the changelog key
     * @param value the changelog value, or null
     * @return the change
     * @throws faust.codecs.CodecException when a windowed table's key is not a window key
     */
    public Change fromChangelog(byte[] key, byte[] value) {
        return fromChangelog(key, value, null);
    }

    /**
     * The store change of a changelog record (see {@link #fromChangelog(byte[], byte[])}); a sliding window's
     * value gets its newest record time from the record's {@link WindowStoreKeys#MAX_TIME_HEADER} header (the
     * window's last instant when the header is missing).
     *
     * @param key the changelog key
     * @param value the changelog value, or null
     * @param maxTime the {@link WindowStoreKeys#MAX_TIME_HEADER} header's value, or null
     * @return the change
     * @throws faust.codecs.CodecException when a windowed table's key is not a window key
     */
    public Change fromChangelog(byte[] key, byte[] value, byte[] maxTime) {
        if (sets) {
            return SetChangelog.apply(this, key, value);
        }
        if (window == null) {
            return value == null ? Change.delete(key) : Change.put(key, value);
        }
        WindowStoreKeys.Parsed parsed = WindowStoreKeys.parseChangelogKey(key);
        byte[] storeKey = WindowStoreKeys.window(parsed.json(), parsed.start());
        boolean closed = window.end(parsed.start()) <= closedUpTo;
        if (value == null || closed) {
            return Change.delete(storeKey);
        }
        if (window.sliding()) {
            long newest = maxTime(maxTime, parsed.start());
            streamTime.accumulateAndGet(newest, Math::max); // the writer's time: its newest record's
            return Change.put(storeKey, WindowStoreKeys.slidingValue(newest, value));
        }
        streamTime.accumulateAndGet(parsed.start(), Math::max); // a lower bound of the writer's time
        return Change.put(storeKey, value);
    }

    private long maxTime(byte[] header, long start) {
        if (header != null) {
            try {
                return Long.parseLong(new String(header, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                // a header not written by a Java worker: take the window's last instant, as below
            }
        }
        return window.end(start) - 1;
    }

    /** @return the name of the changelog header this partition's records carry, or null */
    public String changelogHeader() {
        return window != null && window.sliding() ? WindowStoreKeys.MAX_TIME_HEADER : null;
    }

    /** After the changelog reader applied a batch: forgets the sets it made. */
    public void batchApplied() {
        replay.clear();
    }

    /**
     * @param storeKey a store key written at a commit
     * @param value its value, or null
     * @return the changelog record of the change (key, value and, for a sliding window, the value of its
     *     {@link WindowStoreKeys#MAX_TIME_HEADER} header), or null when there is none
     */
    byte[][] changelogRecord(byte[] storeKey, byte[] value) {
        if (window != null && window.sliding() && value != null) {
            byte[] maxTime = Long.toString(WindowStoreKeys.maxTime(value)).getBytes(StandardCharsets.US_ASCII);
            return new byte[][] {changelogKey(storeKey), WindowStoreKeys.payload(window, value), maxTime};
        }
        if (!sets) {
            return new byte[][] {changelogKey(storeKey), value};
        }
        Map<Key, Boolean> ops = setOps.remove(new Key(storeKey));
        return ops == null || ops.isEmpty() ? null : SetChangelog.record(storeKey, ops);
    }

    /** @param storeKey a store key @return its changelog key */
    byte[] changelogKey(byte[] storeKey) {
        return window == null ? storeKey : WindowStoreKeys.changelogKey(WindowStoreKeys.key(storeKey),
                WindowStoreKeys.start(storeKey), window);
    }

    /** @return the partition number */
    public int partition() {
        return partition;
    }

    /** @return the local store */
    public PartitionStore store() {
        return store;
    }

    /** @param active whether agents may read and write it (recovered) */
    public void active(boolean active) {
        this.active = active;
    }

    /** @return whether agents may read and write it */
    public boolean active() {
        return active;
    }
}
