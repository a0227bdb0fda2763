package faust.stores.internal.rocksdb;

import faust.stores.CloseableIterator;
import faust.stores.internal.StoreKeys;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Lock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Entries of a {@link RocksDbStore} between two keys, skipping the reserved offset key. Each step holds
 * the store's read lock, so the store cannot close the native iterator under it; the store closes it
 * when the store closes.
 */
final class RocksDbIterator implements CloseableIterator<Map.Entry<byte[], byte[]>> {
    private final RocksDbStore store;
    private final RocksIterator it;
    private final byte[] to;
    private Map.Entry<byte[], byte[]> next;
    private boolean done;

    /** Called under the store's read lock. */
    RocksDbIterator(RocksDbStore store, RocksIterator it, byte[] from, byte[] to) {
        this.store = store;
        this.it = it;
        this.to = to;
        if (from == null) {
            it.seekToFirst();
        } else {
            it.seek(from);
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        Lock l = store.readLock();
        try {
            while (it.isValid()) {
                byte[] key = it.key();
                if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
                    break;
                }
                if (!StoreKeys.isOffsetKey(key)) {
                    next = Map.entry(key, it.value());
                    it.next();
                    return true;
                }
                it.next();
            }
            it.status();
        } catch (RocksDBException e) {
            throw store.failure("iterate", e);
        } finally {
            l.unlock();
        }
        close();
        return false;
    }

    @Override
    public Map.Entry<byte[], byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map.Entry<byte[], byte[]> e = next;
        next = null;
        return e;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            store.forget(this);
            it.close();
        }
    }

    /** Called by the store, under its write lock, when it closes. */
    void closeNative() {
        it.close();
    }
}
