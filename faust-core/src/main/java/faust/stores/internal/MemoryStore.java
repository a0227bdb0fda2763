package faust.stores.internal;

import faust.stores.Change;
import faust.stores.CloseableIterator;
import faust.stores.PartitionStore;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A partition kept on the heap in a sorted concurrent map. Nothing survives {@link #close()}: a table on
 * {@code memory://} replays its whole changelog whenever a partition is assigned, as in Python Faust.
 * Values handed out are copies, so callers cannot change the stored bytes.
 */
public final class MemoryStore implements PartitionStore {
    private final String name;
    private final Runnable onClose;
    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private volatile long appliedOffset = -1;
    private volatile boolean closed;

    /**
     * @param name {@code <table>-<partition>}
     * @param onClose run once when the store closes
     */
    public MemoryStore(String name, Runnable onClose) {
        this.name = name;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        StoreKeys.checkWriteKey(key);
        Objects.requireNonNull(value, "value");
        ensureOpen();
        map.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        StoreKeys.checkWriteKey(key);
        ensureOpen();
        map.remove(key);
    }

    @Override
    public void apply(List<Change> changes) {
        StoreKeys.checkBatch(changes);
        ensureOpen();
        write(changes);
    }

    @Override
    public void apply(List<Change> changes, long changelogOffset) {
        StoreKeys.checkBatch(changes);
        StoreKeys.checkBatchOffset(changelogOffset);
        ensureOpen();
        write(changes);
        appliedOffset = changelogOffset;
    }

    private void write(List<Change> changes) {
        for (Change c : changes) {
            if (c.value() == null) {
                map.remove(c.key());
            } else {
                map.put(c.key(), c.value());
            }
        }
    }

    @Override
    public long appliedOffset() {
        ensureOpen();
        return appliedOffset;
    }

    @Override
    public void setAppliedOffset(long offset) {
        StoreKeys.checkOffset(offset);
        ensureOpen();
        appliedOffset = offset;
    }

    @Override
    public CloseableIterator<Map.Entry<byte[], byte[]>> iterator() {
        return range(null, null);
    }

    @Override
    public CloseableIterator<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to) {
        ensureOpen();
        NavigableMap<byte[], byte[]> view = map;
        if (from != null && to != null) {
            view = Arrays.compareUnsigned(from, to) >= 0 ? map.subMap(from, true, from, false)
                    : map.subMap(from, true, to, false);
        } else if (from != null) {
            view = map.tailMap(from, true);
        } else if (to != null) {
            view = map.headMap(to, false);
        }
        return new Entries(view.entrySet().iterator());
    }

    @Override
    public long approximateCount() {
        ensureOpen();
        return map.size();
    }

    @Override
    public void flush() {
        ensureOpen();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        map.clear();
        onClose.run();
    }

    @Override
    public void destroy() {
        close();
    }

    @Override
    public String toString() {
        return "MemoryStore[" + name + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("table store " + name + " is closed");
        }
    }

    /** Copies each entry out so callers never hold the map's arrays. */
    private final class Entries implements CloseableIterator<Map.Entry<byte[], byte[]>> {
        private final Iterator<Map.Entry<byte[], byte[]>> it;
        private boolean done;

        Entries(Iterator<Map.Entry<byte[], byte[]>> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            if (done) {
                return false;
            }
            ensureOpen();
            if (!it.hasNext()) {
                done = true;
            }
            return !done;
        }

        @Override
        public Map.Entry<byte[], byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<byte[], byte[]> e = it.next();
            return Map.entry(e.getKey().clone(), e.getValue().clone());
        }

        @Override
        public void close() {
            done = true;
        }
    }
}
