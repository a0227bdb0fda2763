package faust.stores.internal.rocksdb;

import faust.FaustException;
import faust.stores.PartitionStore;
import faust.stores.internal.AbstractStoreFactory;
import faust.stores.internal.StoreKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Opens one RocksDB database per table partition in {@code <tablesDir>/<table>-<partition>.db} (the
 * suffix is appended, so dots in table names are fine), as Python Faust lays them out. The native
 * library, cache and options are made on first open, so a factory that is only used to reset costs
 * nothing native.
 */
public final class RocksDbStoreFactory extends AbstractStoreFactory {
    private final Path tablesDir;
    private final ReentrantLock resourcesLock = new ReentrantLock();
    private RocksDbResources resources;
    private boolean resourcesClosed;

    /**
     * @param url the store URL, {@code rocksdb://}
     * @param tablesDir {@code <appdir>/tables}
     */
    public RocksDbStoreFactory(String url, Path tablesDir) {
        super(url);
        this.tablesDir = tablesDir.toAbsolutePath().normalize();
    }

    /** {@return the directory of one partition's database} */
    public Path path(String table, int partition) {
        return tablesDir.resolve(StoreKeys.storeName(table, partition) + ".db");
    }

    @Override
    protected String location(String table, int partition) {
        return path(table, partition).toString();
    }

    @Override
    protected PartitionStore doOpen(String table, int partition, String name, Runnable onClose) {
        return RocksDbStore.open(name, path(table, partition), resources(), onClose);
    }

    private RocksDbResources resources() {
        resourcesLock.lock();
        try {
            if (resourcesClosed) {
                throw new IllegalStateException("store factory " + url() + " is closed");
            }
            if (resources == null) {
                resources = new RocksDbResources();
            }
            return resources;
        } finally {
            resourcesLock.unlock();
        }
    }

    @Override
    protected void deleteFiles(String table) {
        if (!Files.isDirectory(tablesDir)) {
            return;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tablesDir, "*.db")) {
            for (Path p : dir) {
                String base = p.getFileName().toString();
                base = base.substring(0, base.length() - ".db".length());
                int dash = base.lastIndexOf('-');
                if (dash > 0 && isPartitionSuffix(base.substring(dash + 1))
                        && (table == null || base.substring(0, dash).equals(table))) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new FaustException("cannot list the tables directory " + tablesDir + ": " + e, e);
        }
    }

    @Override
    public void close() {
        super.close();
        resourcesLock.lock();
        try {
            resourcesClosed = true;
            if (resources != null) {
                resources.close();
                resources = null;
            }
        } finally {
            resourcesLock.unlock();
        }
    }

    /** Deletes a directory tree; a missing one is fine. */
    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new FaustException("cannot delete table store " + root + ": " + e, e);
        }
    }
}
