package faust.stores.internal.rocksdb;

import faust.stores.Change;
import faust.stores.PartitionStore;
import faust.stores.StoreFactory;
import faust.stores.Stores;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Throughput sanity check, run by hand (not a test): batched puts of 16-byte keys and 8-byte values,
 * then point reads. {@code java -cp <test classpath> faust.stores.internal.rocksdb.RocksDbPutRate
 * [url] [records] [batch]}.
 */
public final class RocksDbPutRate {
    private RocksDbPutRate() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "rocksdb://";
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path dir = Files.createTempDirectory("faust-put-rate");
        Random random = new Random(42);
        try (StoreFactory factory = Stores.of(url, dir)) {
            for (int round = 0; round < 3; round++) {
                try (PartitionStore store = factory.open("rate", round)) {
                    long t0 = System.nanoTime();
                    List<Change> changes = new ArrayList<>(batch);
                    for (int i = 0; i < records; i++) {
                        changes.add(Change.put(key(random.nextInt(records)), ByteBuffer.allocate(8).putLong(i).array()));
                        if (changes.size() == batch) {
                            store.apply(changes, i);
                            changes = new ArrayList<>(batch);
                        }
                    }
                    store.apply(changes, records);
                    long t1 = System.nanoTime();
                    long hits = 0;
                    for (int i = 0; i < records; i++) {
                        hits += store.get(key(random.nextInt(records))) == null ? 0 : 1;
                    }
                    long t2 = System.nanoTime();
                    long singles = Math.min(records, 200_000);
                    for (int i = 0; i < singles; i++) {
                        store.put(key(random.nextInt(records)), ByteBuffer.allocate(8).putLong(i).array());
                    }
                    long t3 = System.nanoTime();
                    System.out.printf("%s round %d: batched puts %,.0f/s, gets %,.0f/s (%d hits), single puts %,.0f/s,"
                            + " ~%d keys%n", url, round, records / ((t1 - t0) / 1e9), records / ((t2 - t1) / 1e9), hits,
                            singles / ((t3 - t2) / 1e9), store.approximateCount());
                }
            }
            factory.resetAll();
        }
        Files.deleteIfExists(dir);
    }

    private static byte[] key(int n) {
        return ByteBuffer.allocate(16).putLong(0x6b65792dL).putLong(n).array();
    }
}
