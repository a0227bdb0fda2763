package faust.stores.internal;

import faust.internal.Clock;
import faust.stores.Change;
import faust.stores.CloseableIterator;
import faust.stores.MeteredPartitionStore;
import faust.stores.PartitionStore;
import faust.stores.StoreMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls and their time, then delegates; LongAdders keep concurrent writers off one cache line. */
public final class MeteredStore implements MeteredPartitionStore {
    private final PartitionStore inner;
    private final Clock clock;
    private final LongAdder gets = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder deleteNanos = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedChanges = new LongAdder();
    private final LongAdder batchNanos = new LongAdder();

    /** @param inner the store to measure */
    public MeteredStore(PartitionStore inner) {
        this(inner, Clock.SYSTEM);
    }

    /**
     * @param inner the store to measure
     * @param clock where durations are read (the worker's)
     */
    public MeteredStore(PartitionStore inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
    }

    @Override
    public StoreMetrics metrics() {
        return new StoreMetrics(gets.sum(), getNanos.sum(), puts.sum(), putNanos.sum(), deletes.sum(),
                deleteNanos.sum(), batches.sum(), batchedChanges.sum(), batchNanos.sum());
    }

    @Override
    public PartitionStore inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public byte[] get(byte[] key) {
        long t = clock.nanoTime();
        try {
            return inner.get(key);
        } finally {
            getNanos.add(clock.nanoTime() - t);
            gets.increment();
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        long t = clock.nanoTime();
        try {
            inner.put(key, value);
        } finally {
            putNanos.add(clock.nanoTime() - t);
            puts.increment();
        }
    }

    @Override
    public void delete(byte[] key) {
        long t = clock.nanoTime();
        try {
            inner.delete(key);
        } finally {
            deleteNanos.add(clock.nanoTime() - t);
            deletes.increment();
        }
    }

    @Override
    public void apply(List<Change> changes) {
        long t = clock.nanoTime();
        try {
            inner.apply(changes);
        } finally {
            countBatch(changes, t);
        }
    }

    @Override
    public void apply(List<Change> changes, long changelogOffset) {
        long t = clock.nanoTime();
        try {
            inner.apply(changes, changelogOffset);
        } finally {
            countBatch(changes, t);
        }
    }

    private void countBatch(List<Change> changes, long start) {
        batchNanos.add(clock.nanoTime() - start);
        batches.increment();
        batchedChanges.add(changes == null ? 0 : changes.size());
    }

    @Override
    public long appliedOffset() {
        return inner.appliedOffset();
    }

    @Override
    public void setAppliedOffset(long offset) {
        inner.setAppliedOffset(offset);
    }

    @Override
    public CloseableIterator<Map.Entry<byte[], byte[]>> iterator() {
        return inner.iterator();
    }

    @Override
    public CloseableIterator<Map.Entry<byte[], byte[]>> range(byte[] from, byte[] to) {
        return inner.range(from, to);
    }

    @Override
    public long approximateCount() {
        return inner.approximateCount();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public void destroy() {
        inner.destroy();
    }

    @Override
    public String toString() {
        return "Metered[" + inner + "]";
    }
}
