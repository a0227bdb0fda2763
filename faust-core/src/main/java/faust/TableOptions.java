package faust;

import faust.codecs.Codec;
import faust.codecs.Codecs;
import java.util.function.Supplier;

/**
 * Options of a table, set in the lambda given to {@code app.table(name, K, V, t -> t.defaultValue(0L))}.
 *
 * @param <V> value type
 */
public final class TableOptions<V> {
    private Supplier<V> defaultValue;
    private Integer partitions;
    private Codec keyCodec;
    private Codec valueCodec;
    private String store;
    private String help = "";

    /**
     * @param value the value {@link Table#get} returns for a missing key (must be immutable, e.g. 0L)
     * @return this
     */
    public TableOptions<V> defaultValue(V value) {
        this.defaultValue = () -> value;
        return this;
    }

    /**
     * @param supplier makes the value {@link Table#get} returns for a missing key
     * @return this
     */
    public TableOptions<V> defaultValue(Supplier<V> supplier) {
        this.defaultValue = supplier;
        return this;
    }

    /**
     * @param n partitions of the changelog (default: those of the agents' topics)
     * @return this
     */
    public TableOptions<V> partitions(int n) {
        if (n < 1) {
            throw new ConfigException("table partitions must be at least 1, not " + n);
        }
        this.partitions = n;
        return this;
    }

    /**
     * @param name key codec: {@code raw}, {@code string} or {@code json}
     * @return this
     */
    public TableOptions<V> keyCodec(String name) {
        this.keyCodec = Codecs.byName(name);
        return this;
    }

    /**
     * @param name value codec: {@code raw}, {@code string} or {@code json}
     * @return this
     */
    public TableOptions<V> valueCodec(String name) {
        this.valueCodec = Codecs.byName(name);
        return this;
    }

    /**
     * @param url store for this table: {@code rocksdb://} or {@code memory://} (default: the app's {@code store})
     * @return this
     */
    public TableOptions<V> store(String url) {
        this.store = url;
        return this;
    }

    /**
     * @param text one line shown by {@code faust tables}
     * @return this
     */
    public TableOptions<V> help(String text) {
        this.help = text;
        return this;
    }

    /** @return the default value supplier, or null */
    public Supplier<V> defaultValue() {
        return defaultValue;
    }

    /** @return partitions, or null */
    public Integer partitions() {
        return partitions;
    }

    /** @return key codec, or null for the app default */
    public Codec keyCodec() {
        return keyCodec;
    }

    /** @return value codec, or null for the app default */
    public Codec valueCodec() {
        return valueCodec;
    }

    /** @return store URL, or null for the app default */
    public String store() {
        return store;
    }

    /** @return help text */
    public String help() {
        return help;
    }
}
