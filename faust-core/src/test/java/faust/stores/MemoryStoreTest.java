package faust.stores;

import java.nio.file.Path;

class MemoryStoreTest extends PartitionStoreContract {
    @Override
    protected StoreFactory newFactory(Path dir) {
        return Stores.of("memory://", dir);
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
