package faust.stores;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The raw byte store of one partition of one table: serialized keys and values, plus the offset of the
 * last changelog record applied to it.
 *
 * <p>Keys are ordered by their unsigned bytes ({@link java.util.Arrays#compareUnsigned(byte[], byte[])}),
 * which is RocksDB's default order. Byte arrays handed in are not copied and must not be changed
 * afterwards; arrays handed out belong to the caller.
 *
 * <p>The applied offset is what table recovery resumes from: a persistent store keeps it with the data
 * (RocksDB under the key {@code __faust\0offset__}, as Python Faust does, written in the same atomic
 * batch as the changes it covers) so that after a restart only the changelog records after it are
 * replayed. That key is reserved: it never appears in iteration and cannot be written as a table key.
 *
 * <p>A store is safe for concurrent use: reads may run beside writes, and {@link #close()} waits for calls
 * in progress. Any call after {@code close()} other than {@code close()}, {@link #isOpen()},
 * {@link #name()} and {@link #destroy()} throws {@link IllegalStateException}. Storage failures (disk
 * full, corruption) are thrown as {@link faust.FaustException} naming the store.
 */
public interface PartitionStore extends AutoCloseable {
    /** {@return {@code <table>-<partition>}, for logs and errors} */
    String name();

    /**
     * {@return the value stored under {@code key}, or null if there is none}
     *
     * @param key the serialized key
     */
    byte[] get(byte[] key);

    /**
     * Stores {@code value} under {@code key}, replacing any value there. Does not change the applied
     * offset.
     *
     * @param key the serialized key
     * @param value the serialized value, not null (use {@link #delete(byte[])} to remove a key)
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code key} is the reserved offset key
     */
    void put(byte[] key, byte[] value);

    /**
     * Removes {@code key} if present. Does not change the applied offset.
     *
     * @param key the serialized key
     * @throws IllegalArgumentException if {@code key} is the reserved offset key
     */
    void delete(byte[] key);

    /**
     * Writes a batch of changes atomically (all or none survive a crash), in list order, without changing
     * the applied offset.
     *
     * @param changes puts and deletes; a later change to the same key wins
     * @throws IllegalArgumentException if a key is the reserved offset key
     */
    void apply(List<Change> changes);

    /**
     * Writes a batch of changelog records and records {@code changelogOffset} as the applied offset, in
     * one atomic write: after a crash either the changes and the new offset are both there or neither
     * is. This is how recovery and the changelogging layer write.
     *
     * <p>The in-memory store gives the same result but readers running at the same moment may see part
     * of the batch; RocksDB readers never do.
     *
     * @param changes puts and deletes; a later change to the same key wins; may be empty
     * @param changelogOffset offset of the last changelog record the batch covers, {@code >= 0}
     * @throws IllegalArgumentException if {@code changelogOffset < 0} or a key is the reserved offset key
     */
    void apply(List<Change> changes, long changelogOffset);

    /** {@return the last changelog offset applied, or -1 if none was recorded} */
    long appliedOffset();

    /**
     * Records {@code offset} as the last changelog offset applied, without other changes; -1 forgets it.
     *
     * @param offset a changelog offset, or -1
     * @throws IllegalArgumentException if {@code offset < -1}
     */
    void setAppliedOffset(long offset);

    /**
     * {@return an iterator over every entry in key order, without the reserved offset key}
     *
     * <p>RocksDB iterates a consistent snapshot taken when the iterator was made; the in-memory store is
     * weakly consistent (it may or may not see writes made meanwhile). Close the iterator when done
     * unless it is read to the end.
     */
    CloseableIterator<Map.Entry<byte[], byte[]>> iterator();

    /**
     * {@return an iterator over the entries with {@code from <= key < to} in key order}
     *
     * @param from first key (inclusive), or null to start at the first key
     * @param to end key (exclusive), or null to run to the last key
     */
    CloseableIterator<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to);

    /**
     * Calls {@code action} with every key and value, in key order.
     *
     * @param action receives each key and value
     */
    default void forEach(BiConsumer<byte[], byte[]> action) {
        try (CloseableIterator<Map.Entry<byte[], byte[]>> it = iterator()) {
            while (it.hasNext()) {
                Map.Entry<byte[], byte[]> e = it.next();
                action.accept(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * {@return about how many keys the store holds}: exact for the in-memory store, RocksDB's estimate
     * (which may count overwritten or deleted keys until compaction) for RocksDB
     */
    long approximateCount();

    /**
     * Makes every write so far durable against a machine crash (RocksDB syncs its write-ahead log; writes
     * already survive a crash of the JVM). Does nothing for the in-memory store.
     */
    void flush();

    /** {@return false once the store is closed} */
    boolean isOpen();

    /**
     * Closes the store and releases its files and locks, so the same partition can be opened again
     * at once (after a rebalance gives it back). Waits for calls in progress, closes open iterators.
     * Calling it again does nothing. Never throws a checked exception.
     */
    @Override
    void close();

    /** Closes the store and deletes its data (its files, for RocksDB). */
    void destroy();
}
