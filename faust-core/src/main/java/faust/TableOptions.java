package faust;

import faust.codecs.Codec;
import java.util.function.Supplier;

/**
 * Options of a table, set in the lambda given to {@code app.table(name, K, V, t -> t.defaultValue(0L))}.
 *
 * <p>Codecs: as Python Faust, a table's changelog keys and values are JSON whatever the app's
 * {@code key_serializer} ({@code "apple"} → {@code 3}), except {@code byte[]}, which is stored as it is. A
 * codec given here replaces that: by name ({@code t.keyCodec("string")}: made for the declared type by the
 * app's {@code app.codecs()}) or as a {@link Codec}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class TableOptions<K, V> {
    private Supplier<V> defaultValue;
    private Integer partitions;
    private String keyCodecName;
    private Codec<K> keyCodec;
    private String valueCodecName;
    private Codec<V> valueCodec;
    private String store;
    private String help = "";

    TableOptions() {
    }

    /**
     * @param value the value {@link Table#get} returns for a missing key (must be immutable, e.g. 0L)
     * @return this
     */
    public TableOptions<K, V> defaultValue(V value) {
        this.defaultValue = () -> value;
        return this;
    }

    /**
     * @param supplier makes the value {@link Table#get} returns for a missing key
     * @return this
     */
    public TableOptions<K, V> defaultValue(Supplier<V> supplier) {
        this.defaultValue = supplier;
        return this;
    }

    /**
     * @param n partitions of the changelog (default: those of the agents' topics)
     * @return this
     */
    public TableOptions<K, V> partitions(int n) {
        if (n < 1) {
            throw new ConfigException("table partitions must be at least 1, not " + n);
        }
        this.partitions = n;
        return this;
    }

    /**
     * @param name the key codec by name ({@code json} by default, as Faust): {@code raw}, {@code string},
     *             {@code json}, a chain such as {@code json|binary}, or a codec registered with
     *             {@code app.codecs()}; {@code string} keeps the plain-text keys that String-keyed tables had
     *             before their changelogs took Faust's form
     * @return this
     */
    public TableOptions<K, V> keyCodec(String name) {
        this.keyCodecName = name;
        this.keyCodec = null;
        return this;
    }

    /**
     * @param codec how keys are encoded in the store and the changelog
     * @return this
     */
    public TableOptions<K, V> keyCodec(Codec<K> codec) {
        this.keyCodec = codec;
        this.keyCodecName = null;
        return this;
    }

    /**
     * @param name the value codec by name ({@code json} by default, as Faust)
     * @return this
     */
    public TableOptions<K, V> valueCodec(String name) {
        this.valueCodecName = name;
        this.valueCodec = null;
        return this;
    }

    /**
     * @param codec how values are encoded in the store and the changelog
     * @return this
     */
    public TableOptions<K, V> valueCodec(Codec<V> codec) {
        this.valueCodec = codec;
        this.valueCodecName = null;
        return this;
    }

    /**
     * @param url store for this table: {@code rocksdb://} or {@code memory://} (default: the app's {@code store})
     * @return this
     */
    public TableOptions<K, V> store(String url) {
        this.store = url;
        return this;
    }

    /**
     * @param text one line shown by {@code faust tables}
     * @return this
     */
    public TableOptions<K, V> help(String text) {
        this.help = text;
        return this;
    }

    Supplier<V> defaultValue() {
        return defaultValue;
    }

    Integer partitions() {
        return partitions;
    }

    String keyCodecName() {
        return keyCodecName;
    }

    Codec<K> keyCodec() {
        return keyCodec;
    }

    String valueCodecName() {
        return valueCodecName;
    }

    Codec<V> valueCodec() {
        return valueCodec;
    }

    String store() {
        return store;
    }

    String help() {
        return help;
    }
}
