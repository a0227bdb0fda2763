package faust.stores.internal;

import faust.FaustException;
import faust.stores.PartitionStore;
import faust.stores.StoreFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bookkeeping every factory shares: names are checked, a partition is open at most once at a time, and
 * {@link #close()} closes what is still open. Subclasses make the stores and delete files.
 */
public abstract class AbstractStoreFactory implements StoreFactory {
    /** Marks a name whose store is being opened, so a second open of it fails instead of racing. */
    private static final Object OPENING = new Object();

    private final String url;
    private final Map<String, Object> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param url the store URL this factory serves */
    protected AbstractStoreFactory(String url) {
        this.url = url;
    }

    @Override
    public final String url() {
        return url;
    }

    @Override
    public final PartitionStore open(String table, int partition) {
        String name = StoreKeys.storeName(table, partition);
        if (closed) {
            throw new IllegalStateException("store factory " + url + " is closed");
        }
        if (open.putIfAbsent(name, OPENING) != null) {
            throw new FaustException("table store " + location(table, partition)
                    + " is already open in this worker (a store that was not closed); close it before opening it again");
        }
        try {
            PartitionStore store = doOpen(table, partition, name, new Deregister(name));
            open.put(name, store);
            return store;
        } catch (RuntimeException | Error e) {
            open.remove(name, OPENING);
            throw e;
        }
    }

    @Override
    public final void reset(String table) {
        StoreKeys.storeName(table, 0);
        for (PartitionStore s : openStores()) {
            if (s.name().startsWith(table + "-") && isPartitionSuffix(s.name().substring(table.length() + 1))) {
                s.destroy();
            }
        }
        deleteFiles(table);
    }

    @Override
    public final void resetAll() {
        for (PartitionStore s : openStores()) {
            s.destroy();
        }
        deleteFiles(null);
    }

    @Override
    public void close() {
        closed = true;
        for (PartitionStore s : openStores()) {
            s.close();
        }
    }

    /** {@return where the partition's data lives, for messages} */
    protected abstract String location(String table, int partition);

    /**
     * Opens a store. {@code onClose} must be run once when the store is closed.
     *
     * @param name {@code <table>-<partition>}, already checked
     */
    protected abstract PartitionStore doOpen(String table, int partition, String name, Runnable onClose);

    /** Deletes the files of {@code table}, or of every table when it is null. No store of it is open. */
    protected abstract void deleteFiles(String table);

    /** {@return true when {@code s} is a partition number as {@link StoreKeys#storeName} writes it} */
    protected static boolean isPartitionSuffix(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return s.equals("0") || s.charAt(0) != '0';
    }

    private List<PartitionStore> openStores() {
        List<PartitionStore> stores = new ArrayList<>();
        for (Object o : open.values()) {
            if (o instanceof PartitionStore s) {
                stores.add(s);
            }
        }
        return stores;
    }

    /** Forgets a store when it closes (stores run it once). */
    private final class Deregister implements Runnable {
        private final String name;

        Deregister(String name) {
            this.name = name;
        }

        @Override
        public void run() {
            // Only one store of a name is open at a time, so a store under this name is the one closing.
            // A store closed before open() registered it leaves the OPENING marker for open() to remove.
            open.computeIfPresent(name, (k, v) -> v == OPENING ? v : null);
        }
    }
}
