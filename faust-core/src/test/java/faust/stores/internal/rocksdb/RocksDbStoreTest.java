package faust.stores.internal.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.FaustException;
import faust.stores.Change;
import faust.stores.CloseableIterator;
import faust.stores.PartitionStore;
import faust.stores.PartitionStoreContract;
import faust.stores.StoreFactory;
import faust.stores.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbStoreTest extends PartitionStoreContract {
    @Override
    protected StoreFactory newFactory(Path dir) {
        return Stores.of("rocksdb://", dir);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Test
    void shouldLayOutOneDatabasePerPartitionWhenOpened() {
        try (PartitionStore dotted = factory.open("page.views", 0)) {
            dotted.put(b("k"), b("v"));
        }
        assertThat(tablesDir.resolve("orders-3.db/CURRENT")).exists();
        assertThat(tablesDir.resolve("page.views-0.db/CURRENT")).exists();
    }

    @Test
    void shouldCreateTablesDirectoryWhenMissing() {
        Path nested = tablesDir.resolve("app-data/v1/tables");
        try (StoreFactory f = Stores.of("rocksdb://", nested); PartitionStore s = f.open("t", 0)) {
            s.put(b("k"), b("v"));
        }
        assertThat(nested.resolve("t-0.db")).isDirectory();
    }

    @Test
    void shouldPersistOffsetAsFaustDoesWhenBatchApplied() throws Exception {
        store.apply(List.of(Change.put(b("a"), b("1"))), 1234);
        factory.close();
        try (Options o = new Options(); RocksDB raw = RocksDB.openReadOnly(o, tablesDir.resolve("orders-3.db").toString())) {
            assertThat(raw.get("__faust\0offset__".getBytes(US_ASCII))).isEqualTo("1234".getBytes(US_ASCII));
            assertThat(raw.get(b("a"))).isEqualTo(b("1"));
        }
    }

    @Test
    void shouldKeepDataAndOffsetWhenFactoryIsRecreated() {
        store.apply(List.of(Change.put(b("a"), b("1")), Change.put(b("b"), b("2"))), 77);
        store.delete(b("b"));
        factory.close();
        try (StoreFactory f = newFactory(tablesDir); PartitionStore s = f.open("orders", 3)) {
            assertThat(s.appliedOffset()).isEqualTo(77);
            assertThat(s.get(b("a"))).isEqualTo(b("1"));
            assertThat(s.get(b("b"))).isNull();
        }
    }

    @Test
    void shouldUseLz4WhenWritingTables() throws Exception {
        for (int i = 0; i < 1000; i++) {
            store.put(b("key-" + i), b("value-" + i));
        }
        store.close();
        try (Stream<Path> files = Files.list(tablesDir.resolve("orders-3.db"))) {
            Path options = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-")).findFirst().orElseThrow();
            assertThat(Files.readString(options)).contains("compression=kLZ4Compression")
                    .contains("max_open_files=256").contains("write_buffer_size=16777216");
        }
    }

    @Test
    void shouldSayAnotherWorkerUsesDatadirWhenLockIsHeldInThisJvm() {
        try (StoreFactory second = newFactory(tablesDir)) {
            assertThatThrownBy(() -> second.open("orders", 3)).isInstanceOf(FaustException.class)
                    .hasMessageContaining(tablesDir.resolve("orders-3.db").toString())
                    .hasMessageContaining("another worker uses this datadir")
                    .hasMessageContaining("--datadir");
            store.close();
            second.open("orders", 3).close();
        }
    }

    @Test
    void shouldSayAnotherWorkerUsesDatadirWhenLockIsHeldByAnotherProcess() throws Exception {
        store.close();
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(), tablesDir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("open")) {
                // skip anything the child JVM prints before it holds the store
            }
            assertThat(line).as("child opened the store").isEqualTo("open");
            assertThatThrownBy(() -> factory.open("orders", 3)).isInstanceOf(FaustException.class)
                    .hasMessageContaining(tablesDir.resolve("orders-3.db").toString())
                    .hasMessageContaining("another worker uses this datadir");
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        factory.open("orders", 3).close();
    }

    /** Child process for the lock test: holds orders-3 open until its stdin closes. */
    public static final class HoldStore {
        public static void main(String[] args) throws Exception {
            try (StoreFactory f = Stores.of("rocksdb://", Path.of(args[0])); PartitionStore s = f.open("orders", 3)) {
                System.out.println("open");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
            }
        }
    }

    @Test
    void shouldNeverCrashWhenClosedWhileReadersRun() throws Exception {
        for (int i = 0; i < 1000; i++) {
            store.put(b("k" + i), b("v" + i));
        }
        int readers = 4;
        CountDownLatch started = new CountDownLatch(readers);
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            // Platform threads: busy virtual readers that never park would hold both carriers of a
            // 2-core machine and keep the others from starting.
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                started.countDown();
                try {
                    for (int n = 0; ; n++) {
                        store.get(b("k" + (n % 1000)));
                        if (n % 100 == 0) {
                            try (CloseableIterator<Map.Entry<byte[], byte[]>> it = store.iterator()) {
                                it.next();
                            }
                        }
                    }
                } catch (IllegalStateException expected) {
                    // the store closed
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            }));
        }
        started.await();
        Thread.sleep(50);
        store.close();
        for (Thread t : threads) {
            assertThat(t.join(java.time.Duration.ofSeconds(10))).isTrue();
        }
        assertThat(unexpected.get()).isNull();
    }

    @Test
    void shouldDeleteFilesWhenReset() {
        try (PartitionStore other = factory.open("orders-archive", 1)) {
            other.put(b("k"), b("v"));
        }
        store.put(b("k"), b("v"));
        factory.reset("orders");
        assertThat(tablesDir.resolve("orders-3.db")).doesNotExist();
        assertThat(tablesDir.resolve("orders-archive-1.db")).isDirectory();
        factory.resetAll();
        assertThat(tablesDir.resolve("orders-archive-1.db")).doesNotExist();
    }

    @Test
    void shouldDeleteFilesWhenDestroyed() {
        store.destroy();
        assertThat(tablesDir.resolve("orders-3.db")).doesNotExist();
    }
}
