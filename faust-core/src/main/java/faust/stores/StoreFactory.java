package faust.stores;

/**
 * Opens the {@link PartitionStore}s of one kind of store ({@code rocksdb://} or {@code memory://}) for a
 * worker; made by {@link Stores#of(String, java.nio.file.Path)}. A factory keeps track of the stores it
 * opened: a partition is open at most once at a time, and closing the factory closes those still open.
 */
public interface StoreFactory extends AutoCloseable {
    /** {@return the store URL, e.g. {@code rocksdb://}, for the banner and logs} */
    String url();

    /**
     * Opens the store of one table partition, creating it (and its directories) if missing. A RocksDB
     * store lives in {@code <tablesDir>/<table>-<partition>.db}, keeps its data and applied offset across
     * close and open, and is locked while open; an in-memory store starts empty every time.
     *
     * @param table the table name (no {@code /}, {@code \}, NUL, and not {@code .} or {@code ..})
     * @param partition the partition, {@code >= 0}
     * @return the open store; close it when the partition is revoked
     * @throws IllegalArgumentException for a bad table name or partition
     * @throws faust.FaustException if the partition is already open in this worker, or its files are
     *     locked by another worker using the same datadir, or cannot be opened, or the RocksDB native
     *     library cannot be loaded on this platform
     * @throws IllegalStateException if the factory is closed
     */
    PartitionStore open(String table, int partition);

    /**
     * Deletes the local data of every partition of {@code table} (what {@code faust reset} does); open
     * stores of that table are destroyed first. The changelog topic is not touched.
     *
     * @param table the table name
     * @throws faust.FaustException if files cannot be deleted
     */
    void reset(String table);

    /**
     * Deletes the local data of every table; open stores are destroyed first.
     *
     * @throws faust.FaustException if files cannot be deleted
     */
    void resetAll();

    /** Closes every store still open and releases shared resources (RocksDB's block cache). */
    @Override
    void close();
}
