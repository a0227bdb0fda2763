package faust.tables.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The keys of a partition's write cache in store order, so a range scan reads the cached changes of its range
 * without going over the whole cache (a sliding windowed table scans a key's windows on every update).
 *
 * <p>It may hold keys the cache no longer has (a scan skips them); it never lacks one: a writer adds the key
 * after putting it into the cache, and {@link #prune} swaps in a fresh set before filling it from the cache, so a
 * key put while it prunes is either seen by the fill or added to the fresh set.
 */
final class DirtyIndex {
    private volatile ConcurrentSkipListSet<byte[]> keys = new ConcurrentSkipListSet<>(Arrays::compareUnsigned);

    /** @param key a key just put into the cache */
    void added(byte[] key) {
        keys.add(key);
    }

    /**
     * @param from first key (inclusive), or null
     * @param to end key (exclusive), or null
     * @return the keys in {@code [from, to)}, some maybe no longer cached
     */
    NavigableSet<byte[]> range(byte[] from, byte[] to) {
        ConcurrentSkipListSet<byte[]> k = keys;
        if (from == null) {
            return to == null ? k : k.headSet(to, false);
        }
        return to == null ? k.tailSet(from, true) : k.subSet(from, true, to, false);
    }

    /**
     * Drops the keys the cache no longer has once they are most of the set (after a commit wrote the cache).
     *
     * @param cache the write cache
     */
    void prune(Map<Key, byte[]> cache) {
        if (keys.size() <= 2 * cache.size() + 64) {
            return;
        }
        ConcurrentSkipListSet<byte[]> fresh = new ConcurrentSkipListSet<>(Arrays::compareUnsigned);
        keys = fresh;
        cache.keySet().forEach(k -> fresh.add(k.bytes()));
    }
}
