package faust.internal;

import faust.FaustException;
import faust.WindowRange;
import faust.WindowSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The windows of one key, bound to the event being processed when it was got (its time).
 *
 * @param <V> value type
 */
final class WindowSetImpl<V> implements WindowSet<V> {
    private final WindowedTableImpl<?, V> table;
    private final byte[] key;
    private final int partition;
    private final long eventTime;

    /**
     * @param table the windowed table view
     * @param key the key's bytes
     * @param partition where the key lives
     * @param eventTime the table's time of the current event, or {@link Long#MIN_VALUE} outside an agent
     */
    WindowSetImpl(WindowedTableImpl<?, V> table, byte[] key, int partition, long eventTime) {
        this.table = table;
        this.key = key;
        this.partition = partition;
        this.eventTime = eventTime;
    }

    private long eventTime() {
        if (eventTime == Long.MIN_VALUE) {
            throw new FaustException("windowed table " + table.name() + ": current()/delta() need the time of an"
                    + " event, so they work inside an agent: outside one use now() or at(time)");
        }
        return eventTime;
    }

    @Override
    public V current() {
        return table.valueAt(key, partition, eventTime());
    }

    @Override
    public V now() {
        long now = table.wallClock();
        return table.valueAt(key, partition, now - (table.size().toMillis() - table.step().toMillis()));
    }

    @Override
    public V value() {
        return table.relativeToNowMode() ? table.valueAt(key, partition, table.wallClock()) : current();
    }

    @Override
    public V delta(Duration ago) {
        return table.valueAt(key, partition, eventTime() - ago.toMillis());
    }

    @Override
    public V at(Instant time) {
        return table.valueAt(key, partition, time.toEpochMilli());
    }

    @Override
    public Map<WindowRange, V> all() {
        return table.windows(key, partition);
    }

    @Override
    public String toString() {
        return all().toString();
    }
}
