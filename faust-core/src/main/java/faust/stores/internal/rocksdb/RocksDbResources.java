package faust.stores.internal.rocksdb;

import faust.FaustException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * Native objects shared by every database a factory opens: one block cache that also accounts for
 * memtables (so memory stays bounded however many partitions are open), one set of options. Sized for a
 * small machine: about 128 MiB off-heap in all, at most 64 MiB of it memtables.
 */
final class RocksDbResources implements AutoCloseable {
    static final long CACHE_BYTES = 128L << 20;
    static final long MEMTABLE_BUDGET_BYTES = 64L << 20;
    static final long WRITE_BUFFER_BYTES = 16L << 20;
    static final int MAX_OPEN_FILES = 256;

    private final Cache cache;
    private final WriteBufferManager writeBufferManager;
    private final BloomFilter bloomFilter;
    private final Options options;
    private final WriteOptions writeOptions;
    private final ReadOptions iteratorOptions;

    RocksDbResources() {
        loadLibrary();
        cache = new LRUCache(CACHE_BYTES);
        writeBufferManager = new WriteBufferManager(MEMTABLE_BUDGET_BYTES, cache);
        bloomFilter = new BloomFilter(10, false);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(bloomFilter)
                .setBlockSize(16 * 1024)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        options = new Options()
                .setCreateIfMissing(true)
                .setMaxOpenFiles(MAX_OPEN_FILES)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                .setWriteBufferManager(writeBufferManager)
                .setMaxBackgroundJobs(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(table)
                // The LOG file of each partition: warnings only, kept small.
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(1 << 20)
                .setStatsDumpPeriodSec(0)
                // No preallocation of log files: each partition's store would reserve ~1.1 x its write buffer
                // on disk (with 2 tables x 50 partitions, GBs that hold nothing), and a full disk would only
                // show once that reserve is used up. Without it the first write that finds no space fails,
                // and the worker stops saying so (docs/reliability.md).
                .setAllowFAllocate(false);
        // WAL on (a JVM crash loses nothing), no fsync per write: the changelog is the source of truth and
        // the applied offset sits in the same batch, so a machine crash only rewinds to a consistent point.
        writeOptions = new WriteOptions().setSync(false).setDisableWAL(false);
        iteratorOptions = new ReadOptions().setFillCache(false);
    }

    Options options() {
        return options;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    ReadOptions iteratorOptions() {
        return iteratorOptions;
    }

    /** Falls back to no compression when this build of the native library lacks LZ4. */
    void disableCompression() {
        options.setCompressionType(CompressionType.NO_COMPRESSION);
    }

    @Override
    public void close() {
        iteratorOptions.close();
        writeOptions.close();
        options.close();
        bloomFilter.close();
        writeBufferManager.close();
        cache.close();
    }

    /** Loads the native library once per JVM; {@link RocksDB#loadLibrary()} is itself idempotent. */
    static void loadLibrary() {
        try {
            RocksDB.loadLibrary();
        } catch (RuntimeException | LinkageError e) {
            throw new FaustException("the RocksDB native library (org.rocksdb:rocksdbjni) cannot be loaded on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e.getMessage()
                    + "; check that java.io.tmpdir (or ROCKSDB_SHAREDLIB_DIR) is writable and not noexec, "
                    + "or set store / FAUST_STORE to memory://", e);
        }
    }
}
