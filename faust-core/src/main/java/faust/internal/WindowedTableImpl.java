package faust.internal;

import faust.Event;
import faust.FaustException;
import faust.WindowRange;
import faust.WindowSet;
import faust.Windowed;
import faust.WindowedTable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A view of a windowed {@link TableImpl} with one way of reading the table's time. Each window of a key is a
 * store entry under {@link WindowStoreKeys#window}; the runtime turns those into Faust's changelog keys.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class WindowedTableImpl<K, V> implements WindowedTable<K, V> {
    /** Where the table's time comes from. */
    enum Time { STREAM, NOW, FIELD }

    private final TableImpl<K, V> table;
    private final Time time;
    private final Function<Object, ?> field;

    WindowedTableImpl(TableImpl<K, V> table, Time time) {
        this(table, time, null);
    }

    private WindowedTableImpl(TableImpl<K, V> table, Time time, Function<Object, ?> field) {
        this.table = table;
        this.time = time;
        this.field = field;
    }

    /** @return the table this is a view of */
    public TableImpl<K, V> table() {
        return table;
    }

    private WindowSpec spec() {
        return table.window();
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public String changelogTopic() {
        return table.changelogTopic();
    }

    @Override
    public Duration size() {
        return Duration.ofMillis(spec().size());
    }

    @Override
    public Duration step() {
        return Duration.ofMillis(spec().step());
    }

    @Override
    public Duration expires() {
        return spec().expiring() ? Duration.ofMillis(spec().expires()) : null;
    }

    @Override
    public WindowedTable<K, V> relativeToStream() {
        return new WindowedTableImpl<>(table, Time.STREAM);
    }

    @Override
    public WindowedTable<K, V> relativeToNow() {
        return new WindowedTableImpl<>(table, Time.NOW);
    }

    @Override
    public WindowedTable<K, V> relativeToField(Function<Object, ?> field) {
        return new WindowedTableImpl<>(table, Time.FIELD, Objects.requireNonNull(field, "field"));
    }

    /** @return the table's time now, epoch ms */
    long now() {
        return switch (time) {
            case NOW -> table.backend().clock().millis();
            case STREAM -> event("the event's timestamp").timestamp();
            case FIELD -> fieldTime(event("a field of the event's value").value());
        };
    }

    private Event<?, ?> event(String what) {
        Event<?, ?> e = CurrentEvent.get();
        if (e == null) {
            throw new FaustException("windowed table " + table.name() + " reads its time from " + what
                    + ", so it is used inside an agent: outside one use relativeToNow() or get(key).at(time)");
        }
        return e;
    }

    private long fieldTime(Object value) {
        Object t = field.apply(value);
        return switch (t) {
            case Instant i -> i.toEpochMilli();
            case OffsetDateTime o -> o.toInstant().toEpochMilli();
            case ZonedDateTime z -> z.toInstant().toEpochMilli();
            case Number n -> Math.round(n.doubleValue() * 1000);
            case CharSequence s -> parse(s.toString());
            case null -> throw new FaustException("windowed table " + table.name()
                    + ": relativeToField gave null for the current event: the field needs a time");
            default -> throw new FaustException("windowed table " + table.name() + ": relativeToField gave a "
                    + t.getClass().getSimpleName() + ": give an Instant, an OffsetDateTime, seconds since the epoch"
                    + " or ISO-8601 text");
        };
    }

    private long parse(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (RuntimeException e2) {
                throw new FaustException("windowed table " + table.name() + ": relativeToField gave '" + s
                        + "', not an ISO-8601 time such as 2026-12-02T02:23:53Z");
            }
        }
    }

    @Override
    public WindowSet<V> get(K key) {
        byte[] k = table.encodeKey(key);
        Event<?, ?> e = CurrentEvent.get();
        long eventTime = time == Time.NOW || e == null ? Long.MIN_VALUE : now();
        return new WindowSetImpl<>(this, k, table.partitionFor(key, k), eventTime);
    }

    @Override
    public V update(K key, UnaryOperator<V> fn) {
        long ts = now();
        byte[] k = table.encodeKey(key);
        int p = table.partitionFor(key, k);
        WindowSpec spec = spec();
        if (spec.sliding()) {
            return SlidingWindows.update(table, spec, k, p, ts, fn);
        }
        TableBackend r = table.backend();
        long closed = r.closedUpTo(table, p);
        r.observe(table, p, ts);
        V last = null;
        for (long start = spec.first(ts); start <= ts; start += spec.step()) {
            if (spec.end(start) <= closed) {
                continue; // a window the sweep closed already: a late event, dropped as Kafka Streams does
            }
            byte[] wk = WindowStoreKeys.window(k, start);
            byte[] old = r.read(table, p, wk);
            V next = fn.apply(old == null ? table.missingValue() : table.decodeValue(old));
            r.write(table, p, wk, next == null ? null : table.encodeValue(next));
            last = next;
        }
        return last;
    }

    @Override
    public void put(K key, V value) {
        update(key, old -> value);
    }

    @Override
    public void delete(K key) {
        update(key, old -> null);
    }

    @Override
    public Map<Windowed<K>, V> local() {
        Map<Windowed<K>, V> out = new LinkedHashMap<>();
        TableBackend r = table.backend();
        r.forEachLocal(table, (k, v) -> {
            if (WindowStoreKeys.isWindow(k)) {
                out.put(table.events().windowed(k), table.decodeStored(v));
            }
        });
        return out;
    }

    /**
     * @param keyBytes a key's bytes
     * @param p its partition
     * @return its live windows by start
     */
    Map<WindowRange, V> windows(byte[] keyBytes, int p) {
        TableBackend r = table.backend();
        long closed = r.closedUpTo(table, p);
        WindowSpec spec = spec();
        Map<WindowRange, V> out = new LinkedHashMap<>();
        r.scan(table, p, WindowStoreKeys.keyFrom(keyBytes), WindowStoreKeys.keyTo(keyBytes), (k, v) -> {
            long start = WindowStoreKeys.start(k);
            if (spec.end(start) > closed) {
                out.put(WindowRange.ofMillis(start, spec.end(start)), table.decodeStored(v));
            }
        });
        return out;
    }

    /**
     * @param keyBytes a key's bytes
     * @param p its partition
     * @param ts a time
     * @return the value of the latest window {@code ts} falls in, or the default; sliding windows: the aggregate
     *     of the records in {@code [ts - d, ts]} ({@link SlidingWindows#valueAt})
     */
    V valueAt(byte[] keyBytes, int p, long ts) {
        if (spec().sliding()) {
            return SlidingWindows.valueAt(table, spec(), keyBytes, p, ts);
        }
        long start = spec().current(ts);
        TableBackend r = table.backend();
        if (spec().end(start) <= r.closedUpTo(table, p)) {
            return table.missingValue();
        }
        byte[] v = r.read(table, p, WindowStoreKeys.window(keyBytes, start));
        return v == null ? table.missingValue() : table.decodeValue(v);
    }

    /** @return the wall clock, epoch ms */
    long wallClock() {
        return table.backend().clock().millis();
    }

    /** @return whether the table's time is the wall clock */
    boolean relativeToNowMode() {
        return time == Time.NOW;
    }

    @Override
    public WindowedTable<K, V> onWindowClose(BiConsumer<Windowed<K>, V> callback) {
        table.events().onWindowClose(callback);
        return this;
    }

    @Override
    public WindowedTable<K, V> onRecover(Runnable callback) {
        table.events().onRecover(callback);
        return this;
    }

    @Override
    public WindowedTable<K, V> onChangelogEvent(Consumer<Event<Windowed<K>, V>> callback) {
        table.events().onChangelogEvent(callback);
        return this;
    }

    @Override
    public String toString() {
        return "WindowedTable[" + table.name() + ", " + spec().describe() + "]";
    }
}
