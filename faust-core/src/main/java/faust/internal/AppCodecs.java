package faust.internal;

import faust.ConfigException;
import faust.Setting;
import faust.Settings;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.CodecRegistry;
import faust.codecs.TypeRef;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The codecs an app's topics and tables get, made once per declaration by the app's own registry:
 * <ul>
 *   <li>a topic: the codec given, else the one named in its options, else the app's {@code key_serializer} /
 *       {@code value_serializer} (re-applied when the environment and the command line change them, see
 *       {@link #apply});</li>
 *   <li>a table: the codec given or named, else {@code json} (Faust's rule: a table's keys and values are JSON,
 *       bytes as they are, whatever the serializer settings); its keys' home partition follows the bytes of
 *       the {@code key_serializer} codec when that encodes the key type ({@link #routeCodec}).</li>
 * </ul>
 * Errors are one line naming the topic or table, the codec and what to change.
 */
public final class AppCodecs {
    private final CodecRegistry registry = CodecRegistry.standard();
    private final List<TopicImpl<?, ?>> topics = new CopyOnWriteArrayList<>();
    private final List<TableImpl<?, ?>> tables = new CopyOnWriteArrayList<>();
    private volatile Settings settings;

    /** @param settings the settings from app code */
    public AppCodecs(Settings settings) {
        this.settings = settings;
    }

    /** @return the app's registry */
    public CodecRegistry registry() {
        return registry;
    }

    /**
     * @param what e.g. "topic orders key", for messages
     * @param given the codec given in the options, or null
     * @param name the codec named in the options, or null
     * @param setting {@code key_serializer} or {@code value_serializer}, used when neither is given
     * @param type the declared type
     * @param <T> the type
     * @return the codec
     * @throws ConfigException when the codec cannot encode the type or the name is unknown
     */
    public <T> Codec<T> topicCodec(String what, Codec<T> given, String name, Setting setting, TypeRef<T> type) {
        if (given != null) {
            return given;
        }
        return name != null ? named(what, name, type) : fromSetting(what, setting, type, settings);
    }

    /**
     * @param what e.g. "table counts key", for messages
     * @param given the codec given in the options, or null
     * @param name the codec named in the options, or null for {@code json}
     * @param type the declared type
     * @param <T> the type
     * @return the codec
     * @throws ConfigException when the codec cannot encode the type or the name is unknown
     */
    public <T> Codec<T> tableCodec(String what, Codec<T> given, String name, TypeRef<T> type) {
        return given != null ? given : named(what, name != null ? name : "json", type);
    }

    /**
     * @param keyType a table's key type
     * @param tableCodec the table's key codec
     * @param <K> the key type
     * @return the codec whose bytes pick a key's home partition: the {@code key_serializer} codec when it
     *     encodes the type (what the app's producers send), else the table's
     */
    public <K> Codec<K> routeCodec(TypeRef<K> keyType, Codec<K> tableCodec) {
        try {
            return registry.codec(settings.text(Setting.KEY_SERIALIZER), keyType);
        } catch (CodecException e) {
            return tableCodec;
        }
    }

    /** @param topic a topic whose codecs (some) follow the settings */
    public void follow(TopicImpl<?, ?> topic) {
        if (topic.keyFromSettings() || topic.valueFromSettings()) {
            topics.add(topic);
        }
    }

    /** @param table a table (its home partitions follow {@code key_serializer}) */
    public void follow(TableImpl<?, ?> table) {
        tables.add(table);
    }

    /**
     * Checks the serializer settings against the registry and applies them to the topics and tables declared
     * so far (an app declares them in static initializers, before the environment and flags are read).
     *
     * @param s the settings now in force
     * @throws ConfigException naming the setting and where it came from, or the topic a codec does not suit
     */
    public void apply(Settings s) {
        for (Setting codec : List.of(Setting.KEY_SERIALIZER, Setting.VALUE_SERIALIZER)) {
            try {
                registry.check(s.text(codec));
            } catch (CodecException e) {
                throw new ConfigException(s.sourceOf(codec) + " " + codec.key() + "='" + s.text(codec)
                        + "' is not valid: " + e.getMessage(), e);
            }
        }
        this.settings = s;
        topics.forEach(t -> reapply(t, s));
        tables.forEach(this::reroute);
    }

    private <K, V> void reapply(TopicImpl<K, V> t, Settings s) {
        String what = "topic " + t.name();
        Codec<K> k = t.keyFromSettings() ? fromSetting(what + " key", Setting.KEY_SERIALIZER, t.keyType(), s) : null;
        Codec<V> v = t.valueFromSettings() ? fromSetting(what + " value", Setting.VALUE_SERIALIZER, t.valueType(), s)
                : null;
        t.settingsCodecs(k, v);
    }

    private <K, V> void reroute(TableImpl<K, V> t) {
        t.routeCodec(routeCodec(t.keyType(), t.keyCodec()));
    }

    private <T> Codec<T> named(String what, String spec, TypeRef<T> type) {
        try {
            return registry.codec(spec, type);
        } catch (CodecException e) {
            throw new ConfigException(what + " codec '" + spec + "': " + e.getMessage(), e);
        }
    }

    private <T> Codec<T> fromSetting(String what, Setting setting, TypeRef<T> type, Settings s) {
        String spec = s.text(setting);
        try {
            return registry.codec(spec, type);
        } catch (CodecException e) {
            throw new ConfigException(what + ": " + setting.key() + "='" + spec + "' (" + s.sourceOf(setting)
                    + ") cannot be used: " + e.getMessage() + "; or give the codec in the options, e.g. t -> t."
                    + (setting == Setting.KEY_SERIALIZER ? "key" : "value") + "Codec(\"json\")", e);
        }
    }
}
