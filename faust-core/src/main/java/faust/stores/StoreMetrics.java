package faust.stores;

/**
 * Counters of a metered store ({@link Stores#metered(PartitionStore)}), read at one moment. Times are the
 * sum of the calls' wall-clock durations in nanoseconds.
 *
 * @param gets calls to {@link PartitionStore#get(byte[])}
 * @param getNanos time spent in them
 * @param puts calls to {@link PartitionStore#put(byte[], byte[])}
 * @param putNanos time spent in them
 * @param deletes calls to {@link PartitionStore#delete(byte[])}
 * @param deleteNanos time spent in them
 * @param batches calls to {@link PartitionStore#apply(java.util.List)} and
 *     {@link PartitionStore#apply(java.util.List, long)}
 * @param batchedChanges changes written by those batches
 * @param batchNanos time spent in them
 */
public record StoreMetrics(long gets, long getNanos, long puts, long putNanos, long deletes, long deleteNanos,
        long batches, long batchedChanges, long batchNanos) {
}
