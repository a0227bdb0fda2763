package faust.internal;

import faust.Event;
import faust.FaustException;
import faust.Table;
import faust.codecs.Codec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A declared table: its name, types, codecs and default; bound to the worker's {@link TableBackend} while
 * a worker runs. Typed layer over the changelogging byte stores.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TableImpl<K, V> implements Table<K, V> {
    private final String name;
    private final String changelog;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final Codec keyCodec;
    private final Codec valueCodec;
    private final Supplier<V> defaultValue;
    private final Integer partitions;
    private final String store;
    private final String help;
    private final boolean global;
    private volatile TableBackend runtime;

    /**
     * @param name table name
     * @param changelog changelog topic
     * @param keyType key type
     * @param valueType value type
     * @param keyCodec key codec
     * @param valueCodec value codec
     * @param defaultValue default value supplier or null
     * @param partitions partitions, or null to follow the agents' topics
     * @param store store URL, or null for the app's
     * @param help help text
     * @param global whether every worker holds every partition
     */
    public TableImpl(String name, String changelog, Class<K> keyType, Class<V> valueType, Codec keyCodec,
                     Codec valueCodec, Supplier<V> defaultValue, Integer partitions, String store, String help,
                     boolean global) {
        this.name = name;
        this.changelog = changelog;
        this.keyType = keyType;
        this.valueType = valueType;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.defaultValue = defaultValue;
        this.partitions = partitions;
        this.store = store;
        this.help = help;
        this.global = global;
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

    /** @return the key codec */
    public Codec keyCodec() {
        return keyCodec;
    }

    /** @return the key type */
    public Class<K> keyType() {
        return keyType;
    }

    /** @param runtime the worker's table runtime, or null when the worker stops */
    public void bind(TableBackend runtime) {
        this.runtime = runtime;
    }

    private TableBackend runtime() {
        TableBackend r = runtime;
        if (r == null) {
            throw new FaustException("table " + name + " is used outside a running worker: tables live in the"
                    + " worker that holds their partitions (run the app with 'faust -A <app> worker')");
        }
        return r;
    }

    private int partitionFor(byte[] keyBytes) {
        Event<?, ?> e = CurrentEvent.get();
        if (e != null) {
            return e.partition();
        }
        TableBackend r = runtime();
        return r.partitioner().partition(keyBytes, r.partitions(this));
    }

    /** @param key the key @return its bytes */
    public byte[] encodeKey(Object key) {
        return keyCodec.encode(key);
    }

    /** @param bytes value bytes @return the value */
    public V decodeValue(byte[] bytes) {
        return valueCodec.decode(bytes, valueType);
    }

    /** @param bytes key bytes @return the key */
    public K decodeKey(byte[] bytes) {
        return keyCodec.decode(bytes, keyType);
    }

    /** @param value a value @return its bytes */
    public byte[] encodeValue(Object value) {
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
        byte[] k = encodeKey(key);
        byte[] v = runtime().read(this, partitionFor(k), k);
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
        byte[] k = encodeKey(key);
        return runtime().read(this, partitionFor(k), k) != null;
    }

    @Override
    public void put(K key, V value) {
        byte[] k = encodeKey(key);
        runtime().write(this, partitionFor(k), k, value == null ? null : encodeValue(value));
    }

    @Override
    public void delete(K key) {
        put(key, null);
    }

    @Override
    public V update(K key, UnaryOperator<V> fn) {
        byte[] k = encodeKey(key);
        int p = partitionFor(k);
        TableBackend r = runtime();
        byte[] old = r.read(this, p, k);
        V next = fn.apply(orDefault(old == null ? null : decodeValue(old)));
        r.write(this, p, k, next == null ? null : encodeValue(next));
        return next;
    }

    @Override
    public Map<K, V> local() {
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
