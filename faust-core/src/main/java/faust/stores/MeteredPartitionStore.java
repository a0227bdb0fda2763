package faust.stores;

/**
 * A {@link PartitionStore} that counts its reads and writes and the time they take; made by
 * {@link Stores#metered(PartitionStore)}. Every call goes to the wrapped store.
 */
public interface MeteredPartitionStore extends PartitionStore {
    /** {@return the counters so far} */
    StoreMetrics metrics();

    /** {@return the store this one wraps} */
    PartitionStore inner();
}
