package faust.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import faust.codecs.Gen.Order;
import faust.codecs.Gen.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every codec and value type, on many random values: {@code decode(encode(x))} equals {@code x}, and
 * encoding what was decoded from the codec's own bytes gives those bytes again. Issue 9: a {@code byte[]}
 * key or value was decoded raw but encoded as base64 JSON by the default codec.
 */
class RoundTripTest {
    private static final int N = 150;
    private static final CodecRegistry REGISTRY = CodecRegistry.standard();

    private static <T> void roundTrips(String what, Codec<T> codec, Function<Gen, T> values) {
        Gen gen = new Gen(what.hashCode());
        for (int i = 0; i < N; i++) {
            T x = values.apply(gen);
            byte[] b = codec.encode(x);
            T back = codec.decode(b);
            // records compare their double and float components as Double.compare does: NaN equals NaN
            assertThat(back).as("%s #%d: decode(encode(%s))", what, i, x).isEqualTo(x);
            assertThat(codec.encode(back)).as("%s #%d: encode(decode(b))", what, i).isEqualTo(b);
        }
    }

    private static <T> Codec<T> named(String spec, Class<T> type) {
        return REGISTRY.codec(spec, type);
    }

    @Test
    void bytesAreSentAsTheyAreWhateverTheCodec() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        for (String spec : List.of("raw", "string", "json", "binary", "json|binary", "str")) {
            assertThat(named(spec, byte[].class).encode(hello)).as(spec).isEqualTo(hello);
            roundTrips(spec + " byte[]", named(spec, byte[].class), Gen::bytes);
        }
        assertThat(Codecs.json(byte[].class).encode(hello)).isEqualTo(hello);
        assertThat(Codecs.json(Object.class).encode(hello)).isEqualTo(hello);
    }

    @Test
    void rawAndStringCodecs() {
        roundTrips("raw String", named("raw", String.class), g -> g.text(false));
        roundTrips("string String", named("string", String.class), g -> g.text(false));
        roundTrips("string Integer", named("string", Integer.class), g -> g.size(Integer.MAX_VALUE - 1) - 99999);
        roundTrips("string Long", named("string", Long.class), g -> (long) g.size(1 << 30) << 20);
        roundTrips("string Double", named("string", Double.class), Gen::dbl);
        roundTrips("string BigDecimal", named("string", BigDecimal.class), Gen::decimal);
        roundTrips("string Boolean", named("string", Boolean.class), g -> g.size(1) == 1);
        roundTrips("string UUID", named("string", UUID.class), g -> new UUID(g.size(1 << 30), g.size(1 << 30)));
        roundTrips("string enum", named("string", Status.class), g -> Status.values()[g.size(2)]);
        roundTrips("binary String", named("binary", String.class), g -> g.text(false));
        roundTrips("Codecs.binary", Codecs.binary(), Gen::bytes);
    }

    @Test
    void jsonScalars() {
        roundTrips("json String", Codecs.json(String.class), g -> g.text(true));
        roundTrips("json utf8 String", Codecs.jsonUtf8(TypeRef.of(String.class)), g -> g.text(true));
        roundTrips("json Double", Codecs.json(Double.class), Gen::dbl);
        roundTrips("json Long", Codecs.json(Long.class), g -> (long) g.size(1 << 30) * g.size(1 << 30));
        roundTrips("json BigDecimal", Codecs.json(BigDecimal.class), Gen::decimal);
        roundTrips("json BigInteger", Codecs.json(BigInteger.class),
                g -> BigInteger.valueOf(g.size(1 << 30)).pow(g.size(5)));
        roundTrips("json OffsetDateTime", Codecs.json(java.time.OffsetDateTime.class), Gen::offsetDateTime);
        roundTrips("json LocalDateTime", Codecs.json(java.time.LocalDateTime.class), Gen::localDateTime);
        roundTrips("json enum", Codecs.json(Status.class), g -> Status.values()[g.size(2)]);
    }

    @Test
    void jsonRecordsListsAndMaps() {
        roundTrips("json record", Codecs.json(Order.class), Gen::order);
        roundTrips("json utf8 record", Codecs.jsonUtf8(TypeRef.of(Order.class)), Gen::order);
        roundTrips("json List<Order>", Codecs.json(TypeRef.listOf(Order.class)), g -> List.of(g.order(), g.order()));
        roundTrips("json Map<String, Order>", Codecs.json(TypeRef.mapOf(String.class, Order.class)),
                g -> Map.of(g.text(false), g.order()));
        roundTrips("json|binary record", named("json|binary", Order.class), Gen::order);
    }

    @Test
    void untypedJsonValues() {
        roundTrips("json Object", Codecs.json(Object.class), g -> g.json(0));
        Codec<Object> untyped = Codecs.json(Object.class);
        Gen gen = new Gen(3);
        for (int i = 0; i < N; i++) { // what app.topic(name) reads: plain maps, lists, strings, numbers
            Object x = gen.json(0);
            byte[] b = untyped.encode(x);
            assertThat(untyped.decode(b)).isEqualTo(x);
            assertThat(untyped.encode(untyped.decode(b))).isEqualTo(b);
        }
    }
}
