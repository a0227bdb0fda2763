package faust.stores;

import faust.ConfigException;
import faust.stores.internal.MemoryStoreFactory;
import faust.stores.internal.MeteredStore;
import faust.stores.internal.rocksdb.RocksDbStoreFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Static factories for stores: by URL from the {@code store} setting, in memory, and metered. */
public final class Stores {
    /** The default store URL: one RocksDB database per table partition under the app's tables directory. */
    public static final String DEFAULT_URL = "rocksdb://";
    /** The in-memory store URL: nothing is kept across restarts, tables replay their changelog. */
    public static final String MEMORY_URL = "memory://";

    private Stores() {
    }

    /**
     * {@return a factory for the stores named by {@code url}}
     *
     * <p>{@code rocksdb://} (also written {@code rocksdb:} or {@code rocksdb}; the default when
     * {@code url} is null or blank) keeps each partition in {@code <tablesDir>/<table>-<partition>.db};
     * {@code memory://} keeps data on the heap only. The scheme is case-insensitive. The RocksDB native
     * library, cache and options are made on the first {@link StoreFactory#open}, so a factory used only
     * for {@link StoreFactory#reset} loads nothing native.
     *
     * @param url the store URL, from the {@code store} setting or a table's own store
     * @param tablesDir {@code <appdir>/tables}; created on first open; may be null for {@code memory://}
     * @throws ConfigException for any other URL, naming the setting and the accepted values
     */
    public static StoreFactory of(String url, Path tablesDir) {
        return switch (scheme(url)) {
            case "rocksdb" -> new RocksDbStoreFactory(DEFAULT_URL,
                    Objects.requireNonNull(tablesDir, "tablesDir is required for rocksdb://"));
            case "memory" -> new MemoryStoreFactory(MEMORY_URL);
            default -> throw new ConfigException("store setting (store / FAUST_STORE) has an unknown store URL '"
                    + url + "': use rocksdb:// (the default) or memory://");
        };
    }

    /** {@return a factory for in-memory stores, as {@code of("memory://", null)}} */
    public static StoreFactory memory() {
        return new MemoryStoreFactory(MEMORY_URL);
    }

    /**
     * {@return {@code store} wrapped in a layer that counts calls and time; {@code store} itself if it is
     * already metered}
     *
     * @param store the store to measure
     */
    public static MeteredPartitionStore metered(PartitionStore store) {
        Objects.requireNonNull(store, "store");
        return store instanceof MeteredPartitionStore m ? m : new MeteredStore(store);
    }

    private static String scheme(String url) {
        if (url == null || url.isBlank()) {
            return "rocksdb";
        }
        String s = url.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) {
            return s;
        }
        String rest = s.substring(colon + 1);
        // Only the bare scheme is accepted: a host or path would suggest options this store does not have.
        return rest.isEmpty() || rest.equals("//") ? s.substring(0, colon) : "";
    }
}
