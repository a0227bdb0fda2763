package faust.stores.internal.rocksdb;

import faust.FaustException;
import faust.stores.Change;
import faust.stores.CloseableIterator;
import faust.stores.PartitionStore;
import faust.stores.internal.StoreKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table partition in its own RocksDB database. The applied offset is a reserved key written in the
 * same {@link WriteBatch} as the changes, and is cached in a field.
 *
 * <p>rocksdbjni does not guard against use after close: a call on a closed handle reads freed native
 * memory and can crash the JVM. Every call therefore holds the read side of a lock and checks
 * {@link #closed}; {@link #close()} takes the write side, so it waits for calls in progress and closes
 * live iterators before the database.
 */
final class RocksDbStore implements PartitionStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbStore.class);
    private static final byte[] OFFSET_KEY = StoreKeys.offsetKey();

    private final String name;
    private final Path path;
    private final RocksDB db;
    private final RocksDbResources resources;
    private final Runnable onClose;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<RocksDbIterator> iterators = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile long appliedOffset;

    private RocksDbStore(String name, Path path, RocksDB db, RocksDbResources resources, Runnable onClose) {
        this.name = name;
        this.path = path;
        this.db = db;
        this.resources = resources;
        this.onClose = onClose;
    }

    /** Opens (creating if missing) the database at {@code path}; errors name the path. */
    static RocksDbStore open(String name, Path path, RocksDbResources resources, Runnable onClose) {
        RocksDB db = openDb(path, resources);
        RocksDbStore store = new RocksDbStore(name, path, db, resources, onClose);
        try {
            store.appliedOffset = StoreKeys.decodeOffset(db.get(OFFSET_KEY), path.toString());
        } catch (RocksDBException | RuntimeException e) {
            store.close();
            throw e instanceof FaustException fe ? fe : new FaustException(
                    "cannot read the applied offset of table store " + path + ": " + e.getMessage(), e);
        }
        return store;
    }

    private static RocksDB openDb(Path path, RocksDbResources resources) {
        try {
            Files.createDirectories(path.getParent());
            return RocksDB.open(resources.options(), path.toString());
        } catch (RocksDBException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("is not linked with the binary")) {
                LOG.warn("RocksDB was built without LZ4; table stores are written uncompressed ({})", msg);
                resources.disableCompression();
                return openDb(path, resources);
            }
            if (isLockError(msg)) {
                throw new FaustException("table store " + path + " is locked: another worker uses this datadir"
                        + " (or this worker left the store open); give each worker its own --datadir", e);
            }
            throw new FaustException("cannot open table store " + path + ": " + msg, e);
        } catch (java.io.IOException e) {
            throw new FaustException("cannot create the tables directory " + path.getParent() + ": " + e, e);
        }
    }

    private static boolean isLockError(String msg) {
        String m = msg.toLowerCase(Locale.ROOT);
        // "While lock file: <db>/LOCK: Resource temporarily unavailable" (another process) and
        // "lock hold by current process" (this JVM; wording varies by version).
        return m.contains("/lock") || m.contains("lock hold") || m.contains("lock file")
                || m.contains("resource temporarily unavailable");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        Lock l = readLock();
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("get", e);
        } finally {
            l.unlock();
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        StoreKeys.checkWriteKey(key);
        Objects.requireNonNull(value, "value");
        Lock l = readLock();
        try {
            db.put(resources.writeOptions(), key, value);
        } catch (RocksDBException e) {
            throw failure("put", e);
        } finally {
            l.unlock();
        }
    }

    @Override
    public void delete(byte[] key) {
        StoreKeys.checkWriteKey(key);
        Lock l = readLock();
        try {
            db.delete(resources.writeOptions(), key);
        } catch (RocksDBException e) {
            throw failure("delete", e);
        } finally {
            l.unlock();
        }
    }

    @Override
    public void apply(List<Change> changes) {
        StoreKeys.checkBatch(changes);
        write(changes, -1);
    }

    @Override
    public void apply(List<Change> changes, long changelogOffset) {
        StoreKeys.checkBatch(changes);
        StoreKeys.checkBatchOffset(changelogOffset);
        write(changes, changelogOffset);
    }

    /** Writes the changes and, when {@code offset >= 0}, the offset, as one atomic batch. */
    private void write(List<Change> changes, long offset) {
        Lock l = readLock();
        try (WriteBatch batch = new WriteBatch()) {
            for (Change c : changes) {
                if (c.value() == null) {
                    batch.delete(c.key());
                } else {
                    batch.put(c.key(), c.value());
                }
            }
            if (offset >= 0) {
                batch.put(OFFSET_KEY, StoreKeys.encodeOffset(offset));
            }
            db.write(resources.writeOptions(), batch);
            if (offset >= 0) {
                appliedOffset = offset;
            }
        } catch (RocksDBException e) {
            throw failure("write a batch to", e);
        } finally {
            l.unlock();
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
        Lock l = readLock();
        try {
            if (offset < 0) {
                db.delete(resources.writeOptions(), OFFSET_KEY);
            } else {
                db.put(resources.writeOptions(), OFFSET_KEY, StoreKeys.encodeOffset(offset));
            }
            appliedOffset = offset;
        } catch (RocksDBException e) {
            throw failure("write the applied offset of", e);
        } finally {
            l.unlock();
        }
    }

    @Override
    public CloseableIterator<Map.Entry<byte[], byte[]>> iterator() {
        return range(null, null);
    }

    @Override
    public CloseableIterator<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to) {
        Lock l = readLock();
        try {
            RocksDbIterator it = new RocksDbIterator(this, db.newIterator(resources.iteratorOptions()), from, to);
            iterators.add(it);
            return it;
        } finally {
            l.unlock();
        }
    }

    @Override
    public long approximateCount() {
        Lock l = readLock();
        try {
            long n = db.getLongProperty("rocksdb.estimate-num-keys") - (appliedOffset >= 0 ? 1 : 0);
            return Math.max(0, n);
        } catch (RocksDBException e) {
            throw failure("count", e);
        } finally {
            l.unlock();
        }
    }

    @Override
    public void flush() {
        Lock l = readLock();
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw failure("flush", e);
        } finally {
            l.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        Lock w = lock.writeLock();
        w.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (RocksDbIterator it : iterators) {
                it.closeNative();
            }
            iterators.clear();
            try {
                // closeE reports errors; either way the native DB is freed and its LOCK released.
                db.closeE();
            } catch (RocksDBException e) {
                LOG.warn("table store {} did not close cleanly: {}", path, e.getMessage());
            }
        } finally {
            w.unlock();
        }
        onClose.run();
    }

    @Override
    public void destroy() {
        close();
        RocksDbStoreFactory.deleteTree(path);
    }

    @Override
    public String toString() {
        return "RocksDbStore[" + path + "]";
    }

    /** Takes the read lock of a call; throws if the store is closed. The caller unlocks. */
    Lock readLock() {
        Lock l = lock.readLock();
        l.lock();
        if (closed) {
            l.unlock();
            throw new IllegalStateException("table store " + name + " (" + path + ") is closed");
        }
        return l;
    }

    void forget(RocksDbIterator it) {
        iterators.remove(it);
    }

    FaustException failure(String what, RocksDBException e) {
        return new FaustException("cannot " + what + " table store " + path + ": " + e.getMessage(), e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("table store " + name + " (" + path + ") is closed");
        }
    }
}
