package faust.internal;

import faust.ConfigException;
import faust.Event;
import faust.FaustException;
import faust.Table;
import faust.WindowedTable;
import faust.codecs.Codec;
import faust.codecs.TypeRef;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A declared table: its name, types, codecs and default; bound to the worker's {@link TableBackend} while
 * a worker runs. Typed layer over the changelogging byte stores: a key's store and changelog key is its
 * bytes in the table's key codec (Faust's JSON by default).
 *
 * <p>Which partition a key lives in: inside an agent, the partition of the event being processed (table
 * partition = source partition, as Faust). Outside an agent (web lookups, timers) the key is searched in the
 * partitions this worker holds, its <em>home</em> partition first — Kafka's default partitioner (murmur2)
 * over the key as this app's producers write it ({@link #routeCodec}) — then the others, which finds keys
 * whose events were produced with another client's partitioner (librdkafka's, as kcat uses), as Faust's
 * stores do; a key found nowhere belongs to its home partition.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TableImpl<K, V> implements Table<K, V> {
    private final String name;
    private final String changelog;
    private final TypeRef<K> keyType;
    private final TypeRef<V> valueType;
    private final Codec<K> keyCodec;
    private final Codec<V> valueCodec;
    private final Supplier<V> defaultValue;
    private final Integer partitions;
    private final String store;
    private final String help;
    private final boolean global;
    private final TableEvents<K, V> events;
    private volatile TableKind kind;
    private volatile Codec<K> routeCodec;
    private volatile TableBackend runtime;
    private volatile boolean bound;

    /**
     * The declaration of a table.
     *
     * @param name table name
     * @param changelog changelog topic
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec (store and changelog keys)
     * @param valueCodec value codec
     * @param routeCodec the key as this app's producers write it (the {@code key_serializer} codec when it
     *                   encodes the key type, else {@code keyCodec}): its murmur2 is a key's home partition
     * @param defaultValue default value supplier or null
     * @param partitions partitions, or null to follow the agents' topics
     * @param store store URL, or null for the app's
     * @param help help text
     * @param global whether every worker holds every partition
     * @param kind plain, windowed or set
     */
    public record Spec<K, V>(String name, String changelog, TypeRef<K> keyType, TypeRef<V> valueType,
                             Codec<K> keyCodec, Codec<V> valueCodec, Codec<K> routeCodec, Supplier<V> defaultValue,
                             Integer partitions, String store, String help, boolean global, TableKind kind) {
    }

    /** @param spec the declaration */
    public TableImpl(Spec<K, V> spec) {
        this.name = spec.name();
        this.changelog = spec.changelog();
        this.keyType = spec.keyType();
        this.valueType = spec.valueType();
        this.keyCodec = spec.keyCodec();
        this.valueCodec = spec.valueCodec();
        this.routeCodec = spec.routeCodec();
        this.defaultValue = spec.defaultValue();
        this.partitions = spec.partitions();
        this.store = spec.store();
        this.help = spec.help();
        this.global = spec.global();
        this.kind = spec.kind();
        this.events = new TableEvents<>(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String changelogTopic() {
        return changelog;
    }

    /** @return partitions asked for, or null */
    public Integer partitionsOption() {
        return partitions;
    }

    /** @return store URL asked for, or null */
    public String storeOption() {
        return store;
    }

    @Override
    public String help() {
        return help;
    }

    /** @return whether every worker holds every partition */
    public boolean global() {
        return global;
    }

    /** @return the key codec (store and changelog keys) */
    public Codec<K> keyCodec() {
        return keyCodec;
    }

    /** @return the value codec (store and changelog values) */
    public Codec<V> valueCodec() {
        return valueCodec;
    }

    /** @return the key type */
    public TypeRef<K> keyType() {
        return keyType;
    }

    /** @return the value type */
    public TypeRef<V> valueType() {
        return valueType;
    }

    /** @return the codec whose bytes pick a key's home partition */
    public Codec<K> routeCodec() {
        return routeCodec;
    }

    /**
     * @param codec the codec whose bytes pick a key's home partition (the app's {@code key_serializer} may
     *              change when the environment and command line are applied)
     */
    public void routeCodec(Codec<K> codec) {
        this.routeCodec = codec;
    }

    /** @param runtime the worker's table runtime, or null when the worker stops */
    public void bind(TableBackend runtime) {
        this.runtime = runtime;
        if (runtime != null) {
            bound = true;
        }
    }

    /** @return plain, windowed or set */
    public TableKind kind() {
        return kind;
    }

    /** @return the windows, or null when the table is not windowed */
    public WindowSpec window() {
        return kind instanceof TableKind.Windowed w ? w.spec() : null;
    }

    /** @return the callbacks the runtime calls (recovery, changelog events, closed windows) */
    public TableEvents<K, V> events() {
        return events;
    }

    @Override
    public WindowedTable<K, V> tumbling(Duration size, Duration expires) {
        return windowed(WindowSpec.of(size, size, expires));
    }

    @Override
    public WindowedTable<K, V> hopping(Duration size, Duration step, Duration expires) {
        return windowed(WindowSpec.of(size, step, expires));
    }

    @Override
    public WindowedTable<K, V> sliding(Duration timeDifference, Duration expires) {
        return windowed(WindowSpec.sliding(timeDifference, expires));
    }

    private synchronized WindowedTable<K, V> windowed(WindowSpec spec) {
        if (!(kind instanceof TableKind.Plain)) {
            throw new ConfigException("table " + name + " is already " + describeKind()
                    + ": make its windows once, where the table is declared");
        }
        if (bound) {
            throw new ConfigException("table " + name + " got windows after a worker started with it: declare"
                    + " windows with the table (app.table(...).tumbling(...)) before the worker starts");
        }
        kind = new TableKind.Windowed(spec);
        return new WindowedTableImpl<>(this, WindowedTableImpl.Time.STREAM);
    }

    /** @return e.g. "windowed (tumbling 60 s, expires 3600 s)", for messages */
    public String describeKind() {
        return switch (kind) {
            case TableKind.Plain p -> "a plain table";
            case TableKind.Windowed w -> "windowed (" + w.spec().describe() + ")";
            case TableKind.Sets<?> s -> "a set table";
        };
    }

    @Override
    public Table<K, V> onRecover(Runnable callback) {
        events.onRecover(callback);
        return this;
    }

    @Override
    public Table<K, V> onChangelogEvent(Consumer<Event<K, V>> callback) {
        events.onChangelogEvent(callback);
        return this;
    }

    /** Plain reads and writes need a plain table. */
    private void checkPlain(boolean write) {
        TableKind k = kind;
        if (k instanceof TableKind.Windowed) {
            throw new FaustException("table " + name + " is " + describeKind() + ": use the WindowedTable that"
                    + " tumbling(...)/hopping(...)/sliding(...) returned (table.get(key).current(), table.update(key, fn))");
        }
        if (write && k instanceof TableKind.Sets<?>) {
            throw new FaustException("table " + name + " is a set table: change it with add(key, member) and"
                    + " discard(key, member) of the SetTable app.setTable(...) returned");
        }
    }

    /** @return the backend the table is bound to */
    TableBackend backend() {
        return runtime();
    }

    private TableBackend runtime() {
        TableBackend r = runtime;
        if (r == null) {
            throw new FaustException("table " + name + " is used outside a running worker: tables live in the"
                    + " worker that holds their partitions (run the app with 'faust -A <app> worker')");
        }
        return r;
    }

    /**
     * @param key a key
     * @param keyBytes its bytes in the key codec
     * @return its home partition: murmur2 of the key as this app's producers write it
     */
    public int homePartition(K key, byte[] keyBytes) {
        TableBackend r = runtime();
        Codec<K> route = routeCodec;
        byte[] b = route == keyCodec ? keyBytes : route.encode(key);
        return r.partitioner().partition(b, r.partitions(this));
    }

    /**
     * Where a key lives now: inside an agent the event's partition, outside it the partition holding it
     * (its home partition first), else its home partition.
     */
    int partitionFor(K key, byte[] keyBytes) {
        Event<?, ?> e = CurrentEvent.get();
        if (e != null) {
            return e.partition();
        }
        int home = homePartition(key, keyBytes);
        int p = runtime().find(this, keyBytes, home);
        return p >= 0 ? p : home;
    }

    /** @param key the key @return its bytes */
    public byte[] encodeKey(K key) {
        return keyCodec.encode(key);
    }

    /** @param bytes value bytes @return the value */
    public V decodeValue(byte[] bytes) {
        return valueCodec.decode(bytes);
    }

    /**
     * @param stored a value as the store keeps it (a sliding window's with its newest record time)
     * @return the value
     */
    public V decodeStored(byte[] stored) {
        return decodeValue(WindowStoreKeys.payload(window(), stored));
    }

    /** @param bytes key bytes @return the key */
    public K decodeKey(byte[] bytes) {
        return keyCodec.decode(bytes);
    }

    /** @param value a value @return its bytes */
    public byte[] encodeValue(V value) {
        return valueCodec.encode(value);
    }

    /** @return the default value (what {@link #get} returns for a missing key), or null */
    public V missingValue() {
        return orDefault(null);
    }

    private V orDefault(V v) {
        if (v == null && defaultValue != null) {
            return defaultValue.get();
        }
        return v;
    }

    @Override
    public V get(K key) {
        checkPlain(false);
        byte[] k = encodeKey(key);
        byte[] v = runtime().read(this, partitionFor(key, k), k);
        return orDefault(v == null ? null : decodeValue(v));
    }

    /**
     * Reads a key in a given partition (web lookups).
     *
     * @param key the key's bytes
     * @param partition its partition
     * @return the value's bytes or null
     */
    public byte[] getRaw(byte[] key, int partition) {
        return runtime().read(this, partition, key);
    }

    @Override
    public boolean containsKey(K key) {
        checkPlain(false);
        byte[] k = encodeKey(key);
        return runtime().read(this, partitionFor(key, k), k) != null;
    }

    @Override
    public void put(K key, V value) {
        checkPlain(true);
        byte[] k = encodeKey(key);
        runtime().write(this, partitionFor(key, k), k, value == null ? null : encodeValue(value));
    }

    @Override
    public void delete(K key) {
        put(key, null);
    }

    @Override
    public V update(K key, UnaryOperator<V> fn) {
        checkPlain(true);
        byte[] k = encodeKey(key);
        int p = partitionFor(key, k);
        TableBackend r = runtime();
        byte[] old = r.read(this, p, k);
        V next = fn.apply(orDefault(old == null ? null : decodeValue(old)));
        r.write(this, p, k, next == null ? null : encodeValue(next));
        return next;
    }

    @Override
    public Map<K, V> local() {
        checkPlain(false);
        Map<K, V> out = new LinkedHashMap<>();
        runtime().forEachLocal(this, (k, v) -> out.put(decodeKey(k), decodeValue(v)));
        return out;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return local().entrySet().iterator();
    }

    @Override
    public String toString() {
        return "Table[" + name + "]";
    }
}
