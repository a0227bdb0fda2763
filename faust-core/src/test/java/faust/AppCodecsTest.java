package faust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.Codecs;
import faust.codecs.FaustRecord;
import faust.codecs.TypeRef;
import faust.internal.TableImpl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an app picks the codecs of its topics and tables: by name for the declared type, settings, Faust's rules. */
class AppCodecsTest {
    record Order(String id, int qty) {
    }

    @FaustRecord(namespace = "appcodecs.SampleKey")
    record SampleKey(long id) {
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> TableImpl<K, V> impl(Table<K, V> t) {
        return (TableImpl<K, V>) t;
    }

    @Test
    void tablesWriteKeysAndValuesAsFaustsJson() {
        App app = App.create("t");
        TableImpl<String, Long> counts = impl(app.table("counts", String.class, Long.class, t -> t.defaultValue(0L)));
        assertThat(text(counts.encodeKey("apple"))).isEqualTo("\"apple\""); // 02-table-changelog: key="apple"
        assertThat(text(counts.encodeValue(3L))).isEqualTo("3");
        assertThat(counts.decodeKey("\"h\\u00e9\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("hé");
        assertThat(text(counts.encodeKey("hé"))).isEqualTo("\"h\\u00e9\"");

        TableImpl<SampleKey, Order> byRecord = impl(app.table("by-key", SampleKey.class, Order.class, t -> { }));
        assertThat(text(byRecord.encodeKey(new SampleKey(1))))
                .isEqualTo("{\"id\":1,\"__faust\":{\"ns\":\"appcodecs.SampleKey\"}}"); // as 01 samples-keyed
        TableImpl<byte[], byte[]> bytes = impl(app.table("bytes", byte[].class, byte[].class, t -> { }));
        byte[] notUtf8 = {(byte) 0xff, 0, '"'};
        assertThat(bytes.encodeKey(notUtf8)).isEqualTo(notUtf8);
        assertThat(bytes.encodeValue(notUtf8)).isEqualTo(notUtf8);
    }

    @Test
    void aTableMayKeepPlainTextKeysAndRoutesByTheKeySerializer() {
        App app = App.create("t", cfg -> cfg.set("key_serializer", "json"));
        TableImpl<String, Long> plain = impl(app.table("plain", String.class, Long.class, t -> t.keyCodec("string")));
        assertThat(text(plain.encodeKey("apple"))).isEqualTo("apple");
        TableImpl<String, Long> json = impl(app.table("json", String.class, Long.class, t -> { }));
        assertThat(text(json.encodeKey("apple"))).as("tables are JSON whatever key_serializer").isEqualTo("\"apple\"");
        assertThat(text(json.routeCodec().encode("apple"))).as("home partition: the key as topics write it")
                .isEqualTo("\"apple\"");
        App raw = App.create("r");
        TableImpl<String, Long> t = impl(raw.table("t", String.class, Long.class, o -> { }));
        assertThat(text(t.routeCodec().encode("apple"))).isEqualTo("apple");
        TableImpl<SampleKey, Long> r = impl(raw.table("r", SampleKey.class, Long.class, o -> { }));
        assertThat(r.routeCodec()).as("raw cannot write a record: its JSON is what a producer sends")
                .isSameAs(r.keyCodec());
    }

    @Test
    void topicsMakeNamedCodecsForTheirDeclaredTypes() {
        App app = App.create("t");
        Topic<String, Order> orders = app.topic("orders", String.class, Order.class, t -> t.valueCodec("json|binary"));
        assertThat(orders.valueCodec().name()).isEqualTo("json|binary");
        assertThat(text(orders.valueCodec().encode(new Order("a1", 3)))).isEqualTo("eyJpZCI6ImExIiwicXR5IjozfQ==");
        assertThat(orders.valueCodec().decode("eyJpZCI6ImExIiwicXR5IjozfQ==".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Order("a1", 3));
        assertThat(orders.keyCodec().name()).isEqualTo("raw");

        Topic<String, List<Order>> lists = app.topic("lists", TypeRef.of(String.class),
                new TypeRef<List<Order>>() { }, t -> { });
        assertThat(lists.valueType().toString()).isEqualTo("List<Order>");
        assertThat(lists.valueCodec().decode("[{\"id\":\"a\",\"qty\":1}]".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new Order("a", 1));

        Codec<Order> mine = Codecs.json(Order.class);
        assertThat(app.topic("mine", String.class, Order.class, t -> t.valueCodec(mine)).valueCodec()).isSameAs(mine);
        Topic<SampleKey, Order> keyed = app.topic("keyed", SampleKey.class, Order.class, t -> t.keyCodec("json"));
        assertThat(text(keyed.keyCodec().encode(new SampleKey(1))))
                .isEqualTo("{\"id\":1,\"__faust\":{\"ns\":\"appcodecs.SampleKey\"}}");
    }

    @Test
    void aCodecThatCannotEncodeTheTypeIsOneLineNamingTheTopicAndTheFix() {
        App app = App.create("t");
        assertThatThrownBy(() -> app.topic("orders", Long.class, Order.class, t -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessage("topic orders key: key_serializer='raw' (default) cannot be used: the raw codec encodes"
                        + " byte[] and String, not Long: choose the json codec (or string for numbers as text); or"
                        + " give the codec in the options, e.g. t -> t.keyCodec(\"json\")");
        assertThatThrownBy(() -> app.topic("orders", String.class, Order.class, t -> t.valueCodec("avro")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("topic orders value codec 'avro': unknown codec 'avro': use one of raw, string, json,"
                        + " binary, or a chain like json|binary");
        assertThatThrownBy(() -> app.table("t", String.class, Order.class, t -> t.valueCodec("string")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("table t value codec 'string': ");
    }

    @Test
    void serializerSettingsFromTheEnvironmentApplyToTopicsDeclaredBefore() {
        App app = App.create("t");
        Topic<String, String> words = app.topic("words", String.class, String.class);
        Topic<String, String> fixed = app.topic("fixed", String.class, String.class, t -> t.valueCodec("json"));
        assertThat(text(words.valueCodec().encode("hi"))).isEqualTo("\"hi\"");
        app.configure(Map.of("FAUST_VALUE_SERIALIZER", "string"));
        assertThat(text(words.valueCodec().encode("hi"))).isEqualTo("hi");
        assertThat(text(fixed.valueCodec().encode("hi"))).as("a codec given for the topic stays").isEqualTo("\"hi\"");
        app.configure(Map.of());
        assertThat(text(words.valueCodec().encode("hi"))).isEqualTo("\"hi\"");
    }

    @Test
    void serializerSettingsNameCodecsOfTheAppsRegistry() {
        App app = App.create("t");
        assertThatThrownBy(() -> app.configure(Map.of("FAUST_KEY_SERIALIZER", "avro")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("FAUST_KEY_SERIALIZER key_serializer='avro' is not valid: unknown codec 'avro': use one"
                        + " of raw, string, json, binary, or a chain like json|binary");
        assertThatThrownBy(() -> app.configure(Map.of("FAUST_VALUE_SERIALIZER", "json binary!")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chain like json|binary");
        app.codecs().register("upper", type -> {
            if (type.rawType() != String.class) {
                throw new CodecException("upper encodes String, not " + type);
            }
            return new Codec<String>() {
                @Override
                public String name() {
                    return "upper";
                }

                @Override
                public byte[] encode(String value) {
                    return value == null ? null : value.toUpperCase().getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public String decode(byte[] data) {
                    return data == null ? null : new String(data, StandardCharsets.UTF_8);
                }
            };
        });
        Topic<String, String> shout = app.topic("shout", String.class, String.class, t -> t.valueCodec("upper|binary"));
        assertThat(text(shout.valueCodec().encode("hi"))).isEqualTo("SEk=");
        app.configure(Map.of("FAUST_VALUE_SERIALIZER", "upper"));
        assertThat(app.topic("loud", String.class, String.class).valueCodec().name()).isEqualTo("upper");
    }
}
