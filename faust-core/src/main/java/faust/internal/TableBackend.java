package faust.internal;

import java.util.function.BiConsumer;

/** Where a declared table's data lives while a worker runs: the worker's table runtime (stores + changelog). */
public interface TableBackend {
    /**
     * @param t the table
     * @param partition the partition
     * @param key the key's bytes
     * @return the value's bytes, or null
     * @throws faust.FaustException when this worker does not hold the partition
     */
    byte[] read(TableImpl<?, ?> t, int partition, byte[] key);

    /**
     * @param t the table
     * @param partition the partition
     * @param key the key's bytes
     * @param value the value's bytes, or null to delete
     * @throws faust.FaustException when this worker does not hold the partition active
     */
    void write(TableImpl<?, ?> t, int partition, byte[] key, byte[] value);

    /**
     * Finds a key outside an agent's event: in its home partition first, then in the other partitions this
     * worker holds readable (active, or every partition of a global table).
     *
     * @param t the table
     * @param key the key's bytes
     * @param home the key's home partition
     * @return the partition holding the key, or -1 when none of this worker's does
     */
    int find(TableImpl<?, ?> t, byte[] key, int home);

    /**
     * @param t the table
     * @param action gets every key and value of the partitions this worker holds
     */
    void forEachLocal(TableImpl<?, ?> t, BiConsumer<byte[], byte[]> action);

    /** @param t the table @return its partition count */
    int partitions(TableImpl<?, ?> t);

    /** @return the partitioner of keys outside an agent's event */
    KeyPartitioner partitioner();

    /**
     * @param t a table
     * @param partition a partition this worker holds
     * @param from first store key (inclusive)
     * @param to end store key (exclusive)
     * @param action gets every key and value in {@code [from, to)} in key order, the changes not yet written
     *               included
     */
    void scan(TableImpl<?, ?> t, int partition, byte[] from, byte[] to, BiConsumer<byte[], byte[]> action);

    /**
     * @param t a windowed table
     * @param partition a partition this worker holds
     * @return windows of it ending at or before this (epoch ms) are closed ({@link Long#MIN_VALUE}: none yet)
     */
    long closedUpTo(TableImpl<?, ?> t, int partition);

    /**
     * Writes a set table's new set for a key and records the operation for its changelog.
     *
     * @param t a set table
     * @param partition the partition
     * @param key the key's bytes
     * @param value the key's whole set (a JSON list)
     * @param member the member added or discarded, as JSON
     * @param add true for an add, false for a discard
     * @throws faust.FaustException when this worker does not hold the partition active
     */
    void writeSet(TableImpl<?, ?> t, int partition, byte[] key, byte[] value, byte[] member, boolean add);

    /**
     * Advances a windowed table partition's table time (stream time), from which its windows expire.
     *
     * @param t a windowed table
     * @param partition a partition this worker holds
     * @param time the time an update used, epoch ms
     * @return the partition's table time now (the newest time its updates used)
     */
    long observe(TableImpl<?, ?> t, int partition, long time);

    /** @return the worker's clock */
    Clock clock();
}
