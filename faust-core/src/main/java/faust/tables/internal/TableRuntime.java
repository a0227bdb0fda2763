package faust.tables.internal;

import faust.FaustException;
import faust.internal.Clock;
import faust.internal.KeyPartitioner;
import faust.internal.Sender;
import faust.internal.TableBackend;
import faust.internal.TableImpl;
import faust.internal.WindowSpec;
import faust.internal.WindowStoreKeys;
import faust.stores.MeteredPartitionStore;
import faust.stores.PartitionStore;
import faust.stores.StoreFactory;
import faust.stores.StoreMetrics;
import faust.stores.internal.MeteredStore;
import faust.stores.CloseableIterator;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The tables of one worker: which partitions it holds (active, standby, global), their stores, and the
 * changelog writes. Agents read and write active partitions; the {@link ChangelogReader} fills stores
 * from the changelog (recovery, standbys, global tables).
 */
public final class TableRuntime implements TableBackend, AutoCloseable {

    /** Marks a key deleted in the write cache. */
    private static final byte[] TOMBSTONE = new byte[0];


    private final List<TableImpl<?, ?>> tables;
    private final Map<String, Integer> partitions;
    private final Map<String, StoreFactory> factories;
    private final Sender sender;
    private final ChangelogWrites writes;
    private final KeyPartitioner partitioner;
    private final Clock clock;
    private final Map<String, Map<Integer, Held>> held = new ConcurrentHashMap<>();
    private volatile boolean exactlyOnce;
    /** Exactly-once: windows closed by committed transactions, to report to onWindowClose. */
    private final java.util.Queue<Closed> closedToReport = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A closed window to report: its table, store key and last value. */
    private record Closed(TableImpl<?, ?> table, byte[] key, byte[] value) {
    }

    /** Store counters of partitions no longer held, by table, so the sums the sensors read never go down. */
    private final Map<String, StoreMetrics> retired = new ConcurrentHashMap<>();

    /**
     * @param tables the app's tables
     * @param partitions partition count of each table, by name
     * @param factories store factory of each table, by name
     * @param sender the worker's producer
     * @param partitioner the partitioner of keys outside an agent's event (Kafka's default)
     * @param clock the worker's clock (store metrics)
     */
    public TableRuntime(List<TableImpl<?, ?>> tables, Map<String, Integer> partitions,
                        Map<String, StoreFactory> factories, Sender sender, KeyPartitioner partitioner, Clock clock) {
        this.partitioner = partitioner;
        this.clock = clock;
        this.tables = List.copyOf(tables);
        this.partitions = Map.copyOf(partitions);
        this.factories = Map.copyOf(factories);
        this.sender = sender;
        this.writes = new ChangelogWrites(sender, TOMBSTONE);
        tables.forEach(t -> held.put(t.name(), new ConcurrentHashMap<>()));
    }

    /**
     * Exactly-once: cached changes go to the changelogs inside the commit's transaction and to the stores only
     * after it committed ({@link #persistOffsets()}); an abort throws them away ({@link #discardChanges()}), so a
     * store never holds a change that is not committed in its changelog.
     */
    public void exactlyOnce() {
        this.exactlyOnce = true;
    }

    /** @return the tables */
    public List<TableImpl<?, ?>> tables() {
        return tables;
    }

    @Override
    public KeyPartitioner partitioner() {
        return partitioner;
    }

    /** @param t a table @return its partition count */
    @Override
    public int partitions(TableImpl<?, ?> t) {
        return partitions.get(t.name());
    }

    /** Binds every table to this runtime. */
    public void bind() {
        tables.forEach(t -> t.bind(this));
    }

    @Override
    public byte[] read(TableImpl<?, ?> t, int p, byte[] key) {
        Held h = held.get(t.name()).get(p);
        if (h == null || (!h.active && !t.global())) {
            throw notHeld(t, p);
        }
        byte[] cached = h.dirty.get(new Key(key));
        if (cached != null) {
            return cached == TOMBSTONE ? null : cached;
        }
        return h.store.get(key);
    }

    @Override
    public void write(TableImpl<?, ?> t, int p, byte[] key, byte[] value) {
        Held h = held.get(t.name()).get(p);
        if (h == null || !h.active) {
            throw notHeld(t, p);
        }
        h.dirty.put(new Key(key), value == null ? TOMBSTONE : value);
        if (h.dirtyIndex != null) {
            h.dirtyIndex.added(key); // after the cache: see DirtyIndex
        }
    }

    @Override
    public void writeSet(TableImpl<?, ?> t, int p, byte[] key, byte[] value, byte[] member, boolean add) {
        Held h = held.get(t.name()).get(p);
        if (h == null || !h.active) {
            throw notHeld(t, p);
        }
        Key m = new Key(member);
        h.setOps.compute(new Key(key), (k, ops) -> { // atomic with the commit taking them (remove)
            Map<Key, Boolean> next = ops == null ? new java.util.LinkedHashMap<>() : ops;
            next.remove(m); // the member's last operation goes last
            next.put(m, add);
            return next;
        });
        h.dirty.put(new Key(key), value);
    }

    @Override
    public int find(TableImpl<?, ?> t, byte[] key, int home) {
        Map<Integer, Held> parts = held.get(t.name());
        Key k = new Key(key);
        Held h = parts.get(home);
        if (h != null && holds(h, k)) {
            return home;
        }
        for (Held other : parts.values()) {
            if (other.partition != home && holds(other, k)) {
                return other.partition;
            }
        }
        return -1;
    }

    private static boolean holds(Held h, Key k) {
        if (!h.active && !h.table.global()) {
            return false;
        }
        if (h.window != null) {
            return holdsWindows(h, k.bytes());
        }
        byte[] cached = h.dirty.get(k);
        if (cached != null) {
            return cached != TOMBSTONE;
        }
        return h.store.get(k.bytes()) != null;
    }

    private static boolean holdsWindows(Held h, byte[] key) {
        byte[] from = WindowStoreKeys.keyFrom(key);
        byte[] to = WindowStoreKeys.keyTo(key);
        for (Map.Entry<Key, byte[]> e : h.dirty.entrySet()) {
            if (e.getValue() != TOMBSTONE && inRange(e.getKey().bytes(), from, to)) {
                return true;
            }
        }
        try (CloseableIterator<Map.Entry<byte[], byte[]>> it = h.store.range(from, to)) {
            return it.hasNext();
        }
    }

    private static boolean inRange(byte[] k, byte[] from, byte[] to) {
        return (from == null || Arrays.compareUnsigned(k, from) >= 0) && (to == null || Arrays.compareUnsigned(k, to) < 0);
    }

    @Override
    public void scan(TableImpl<?, ?> t, int p, byte[] from, byte[] to, BiConsumer<byte[], byte[]> action) {
        Held h = held.get(t.name()).get(p);
        if (h == null || (!h.active && !t.global())) {
            throw notHeld(t, p);
        }
        TreeMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
        try (CloseableIterator<Map.Entry<byte[], byte[]>> it = h.store.range(from, to)) {
            while (it.hasNext()) {
                Map.Entry<byte[], byte[]> e = it.next();
                merged.put(e.getKey(), e.getValue());
            }
        }
        BiConsumer<byte[], byte[]> cached = (k, v) -> {
            if (v == TOMBSTONE) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        };
        if (h.dirtyIndex != null) {
            for (byte[] k : h.dirtyIndex.range(from, to)) {
                byte[] v = h.dirty.get(new Key(k));
                if (v != null) {
                    cached.accept(k, v);
                }
            }
        } else {
            h.dirty.forEach((k, v) -> {
                if (inRange(k.bytes(), from, to)) {
                    cached.accept(k.bytes(), v);
                }
            });
        }
        merged.forEach(action);
    }

    @Override
    public long closedUpTo(TableImpl<?, ?> t, int p) {
        Held h = held.get(t.name()).get(p);
        return h == null ? Long.MIN_VALUE : h.closedUpTo;
    }

    @Override
    public long observe(TableImpl<?, ?> t, int p, long time) {
        Held h = held.get(t.name()).get(p);
        if (h == null) {
            return time;
        }
        long now = h.streamTime.get();
        return now < time ? h.streamTime.accumulateAndGet(time, Math::max) : now;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /**
     * Closes the windows past their expires in every active partition of every expiring windowed table
     * ({@link WindowSweep}): those that ended {@code expires} or more before the partition's table time.
     * Exactly-once: marks them due, to be closed at the next commit's cut ({@link WindowSweep#closeInTransaction}),
     * and reports the windows that committed transactions closed.
     *
     * @return the number of windows removed (exactly-once: reported)
     */
    public int sweep() {
        int n = exactlyOnce ? reportClosed() : 0;
        for (TableImpl<?, ?> t : tables) {
            WindowSpec w = t.window();
            if (w == null || !w.expiring()) {
                continue;
            }
            for (Held h : held.get(t.name()).values()) {
                if (exactlyOnce) {
                    synchronized (h) { // not with the time of events an abort is taking back
                        long time = h.streamTime.get();
                        if (h.active && time != Long.MIN_VALUE) {
                            h.sweepDue = Math.max(h.sweepDue, w.sweepUpTo(time));
                        }
                    }
                    continue;
                }
                long time = h.streamTime.get();
                if (h.active && time != Long.MIN_VALUE) {
                    n += WindowSweep.sweep(h, w.sweepUpTo(time), sender, TOMBSTONE);
                }
            }
        }
        return n;
    }

    /**
     * Exactly-once: calls the onWindowClose callbacks of the windows committed transactions closed, in order (after
     * a commit on a thread of its own, so callbacks never hold up commits; at a sweep and at close for what is left).
     */
    private synchronized int reportClosed() {
        int n = 0;
        for (Closed c; (c = closedToReport.poll()) != null; n++) {
            c.table().events().windowClosed(c.key(), c.value());
        }
        return n;
    }

    @Override
    public void forEachLocal(TableImpl<?, ?> t, BiConsumer<byte[], byte[]> action) {
        for (Held h : held.get(t.name()).values()) {
            if (h.active || t.global()) {
                Map<Key, byte[]> merged = new java.util.LinkedHashMap<>();
                h.store.forEach((k, v) -> merged.put(new Key(k), v));
                h.dirty.forEach((k, v) -> {
                    if (v == TOMBSTONE) {
                        merged.remove(k);
                    } else {
                        merged.put(k, v);
                    }
                });
                merged.forEach((k, v) -> action.accept(k.bytes(), v));
            }
        }
    }

    /**
     * Before the producer is flushed for a commit: writes the cached changes to the stores (one batch per
     * partition) and to the changelogs.
     */
    public void flushChanges() {
        for (Map<Integer, Held> m : held.values()) {
            for (Held h : m.values()) {
                flush(h);
            }
        }
    }

    private void flush(Held h) {
        if (exactlyOnce) {
            if (h.window != null && h.active && h.sweepDue > h.closedUpTo) {
                WindowSweep.closeInTransaction(h, h.sweepDue, TOMBSTONE);
            }
            if (!h.dirty.isEmpty()) {
                writes.sendInTransaction(h);
            }
            return;
        }
        if (h.dirty.isEmpty()) {
            return;
        }
        synchronized (h) {
            writes.flushLocked(h);
        }
    }

    /**
     * Exactly-once: the transaction was aborted: every change not committed is thrown away (stores hold only
     * committed changes, so they are at the committed state).
     */
    public void discardChanges() {
        for (Map<Integer, Held> m : held.values()) {
            for (Held h : m.values()) {
                synchronized (h) {
                    h.dirty.clear();
                    h.inTransaction.clear();
                    h.setOps.clear(); // a set table's operations of the aborted events
                    if (h.window != null) { // back to the committed table time and watermark: the events are redone
                        h.streamTime.set(h.storedStreamTime);
                        h.timeInTransaction = Long.MIN_VALUE;
                        h.closedUpTo = h.storedClosedUpTo;
                        h.sweepDue = Long.MIN_VALUE;
                        h.watermarkInTransaction = Long.MIN_VALUE;
                        h.closingInTransaction.clear();
                    }
                }
            }
        }
    }

    private static FaustException notHeld(TableImpl<?, ?> t, int p) {
        return new FaustException("table " + t.name() + ": partition " + p + " is not held by this worker (keys"
                + " of an agent's event live in that event's partition; outside an agent, use a key this worker owns"
                + " or ask the owner through /table/" + t.name() + "/<key>)");
    }

    /**
     * @param t a table
     * @param p a partition
     * @return whether this worker holds it active
     */
    public boolean isActive(TableImpl<?, ?> t, int p) {
        Held h = held.get(t.name()).get(p);
        return h != null && (h.active || t.global());
    }

    /** @param t a table @return active partitions this worker holds */
    public Set<Integer> activePartitions(TableImpl<?, ?> t) {
        Set<Integer> s = new java.util.TreeSet<>();
        held.get(t.name()).forEach((p, h) -> {
            if (h.active) {
                s.add(p);
            }
        });
        return s;
    }

    /**
     * @param t a table
     * @param p a partition
     * @return the held partition, its store opened if it was not held
     */
    public Held holdOrOpen(TableImpl<?, ?> t, int p) {
        return held.get(t.name()).computeIfAbsent(p,
                k -> new Held(t, p, metered(factories.get(t.name()).open(t.name(), p))));
    }

    private PartitionStore metered(PartitionStore store) {
        return store instanceof MeteredPartitionStore ? store : new MeteredStore(store, clock);
    }

    /**
     * @param t a table
     * @param p a partition
     * @return the held partition or null
     */
    public Held heldOf(TableImpl<?, ?> t, int p) {
        return held.get(t.name()).get(p);
    }

    /**
     * Writes its cached changes, records its offset, closes and forgets a held partition.
     *
     * @param t a table
     * @param p a partition
     */
    public void release(TableImpl<?, ?> t, int p) {
        Held h = held.get(t.name()).remove(p);
        if (h != null) {
            synchronized (h) {
                if (exactlyOnce) {
                    h.dirty.clear(); // committed with the revoke's transaction, or not to be kept
                } else {
                    flush(h);
                }
                persist(h);
                retire(h);
                h.store.close();
            }
        }
    }

    private void retire(Held h) {
        if (h.store instanceof MeteredPartitionStore m) {
            retired.merge(h.table.name(), m.metrics(), TableRuntime::sum);
        }
    }

    private static StoreMetrics sum(StoreMetrics a, StoreMetrics b) {
        return new StoreMetrics(a.gets() + b.gets(), a.getNanos() + b.getNanos(), a.puts() + b.puts(),
                a.putNanos() + b.putNanos(), a.deletes() + b.deletes(), a.deleteNanos() + b.deleteNanos(),
                a.batches() + b.batches(), a.batchedChanges() + b.batchedChanges(), a.batchNanos() + b.batchNanos());
    }

    /**
     * @param t a table
     * @return its store counters since the worker started: held partitions and those released
     */
    public StoreMetrics storeMetrics(TableImpl<?, ?> t) {
        StoreMetrics m = retired.getOrDefault(t.name(), new StoreMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0));
        for (Held h : held.get(t.name()).values()) {
            if (h.store instanceof MeteredPartitionStore ms) {
                m = sum(m, ms.metrics());
            }
        }
        return m;
    }

    /**
     * @param t a table
     * @return keys in the partitions held active (an estimate for RocksDB; changes not yet written not counted)
     */
    public long keys(TableImpl<?, ?> t) {
        long n = 0;
        for (Held h : held.get(t.name()).values()) {
            if (h.active || t.global()) {
                try {
                    n += h.store.approximateCount();
                } catch (RuntimeException e) {
                    // closed by a rebalance meanwhile
                }
            }
        }
        return n;
    }

    /**
     * Deletes a held partition's files and opens it empty (local state beyond the changelog).
     *
     * @param t a table
     * @param p a partition
     * @return the partition, empty
     */
    public Held rebuild(TableImpl<?, ?> t, int p) {
        Held h = held.get(t.name()).remove(p);
        if (h != null) {
            synchronized (h) {
                retire(h);
                h.store.destroy();
            }
        }
        return holdOrOpen(t, p);
    }

    /**
     * After the producer was flushed: records, in every active store, the newest changelog offset it wrote.
     */
    public void persistOffsets() {
        for (Map<Integer, Held> m : held.values()) {
            for (Held h : m.values()) {
                if (exactlyOnce) {
                    writes.applyCommitted(h, (key, value) -> closedToReport.add(new Closed(h.table, key, value)));
                    h.appliedAcked = h.acked.get(); // the transaction committed: all its records were acked
                }
                if (h.active) {
                    persist(h);
                }
            }
        }
        if (!closedToReport.isEmpty()) {
            Thread.ofVirtual().name("faust-window-close").start(this::reportClosed);
        }
    }

    private void persist(Held h) {
        long a = exactlyOnce ? h.appliedAcked : h.acked.get();
        if (a > h.store.appliedOffset()) {
            h.store.setAppliedOffset(a);
        }
    }

    /** @return factories by table name (for reset) */
    public Map<String, StoreFactory> factories() {
        return factories;
    }

    @Override
    public void close() {
        if (exactlyOnce) {
            reportClosed();
        }
        tables.forEach(t -> t.bind(null));
        for (Map<Integer, Held> m : held.values()) {
            for (Held h : m.values()) {
                synchronized (h) {
                    if (exactlyOnce) {
                        h.dirty.clear(); // a warm stop committed them; otherwise they are not to be kept
                    } else {
                        flush(h);
                    }
                    persist(h);
                    h.store.close();
                }
            }
            m.clear();
        }
        factories.values().forEach(StoreFactory::close);
    }
}
