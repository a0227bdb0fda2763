package faust.stores.internal;

import faust.stores.PartitionStore;

/** Opens {@link MemoryStore}s; there are no files, so resetting only destroys open stores. */
public final class MemoryStoreFactory extends AbstractStoreFactory {
    /** @param url the store URL, {@code memory://} */
    public MemoryStoreFactory(String url) {
        super(url);
    }

    @Override
    protected String location(String table, int partition) {
        return "memory://" + StoreKeys.storeName(table, partition);
    }

    @Override
    protected PartitionStore doOpen(String table, int partition, String name, Runnable onClose) {
        return new MemoryStore(name, onClose);
    }

    @Override
    protected void deleteFiles(String table) {
        // Nothing on disk.
    }
}
