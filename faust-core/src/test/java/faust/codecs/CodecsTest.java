package faust.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecsTest {
    record Order(String id, int amount) {
    }

    @Test
    void recordsRoundTripAsJsonObjects() {
        byte[] bytes = Codecs.JSON.encode(new Order("a1", 3));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"a1\",\"amount\":3}");
        assertThat(Codecs.JSON.decode(bytes, Order.class)).isEqualTo(new Order("a1", 3));
    }

    @Test
    void untypedJsonDecodesToPlainJavaValues() {
        assertThat(Codecs.JSON.decode("\"hello\"".getBytes(StandardCharsets.UTF_8), Object.class)).isEqualTo("hello");
        assertThat(Codecs.JSON.decode("{\"n\":1}".getBytes(StandardCharsets.UTF_8), Object.class))
                .isEqualTo(Map.of("n", 1));
    }

    @Test
    void untypedTextThatIsNotJsonIsDeliveredAsText() {
        assertThat(Codecs.JSON.decode("hello world".getBytes(StandardCharsets.UTF_8), Object.class))
                .isEqualTo("hello world");
    }

    @Test
    void typedValuesThatAreNotJsonFailWithACodecException() {
        assertThatThrownBy(() -> Codecs.JSON.decode("nope".getBytes(StandardCharsets.UTF_8), Order.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("Order");
    }

    @Test
    void aRegistryTakesCodecsByNameAndChainsThem() {
        CodecRegistry registry = CodecRegistry.standard().register("rot13", type -> {
            if (type.rawType() != byte[].class) {
                throw new CodecException("rot13 encodes bytes, not " + type);
            }
            return new TypedCodec<byte[]>() {
                @Override
                public String name() {
                    return "rot13";
                }

                @Override
                public byte[] encode(byte[] v) {
                    byte[] out = v.clone();
                    for (int i = 0; i < out.length; i++) {
                        char c = (char) out[i];
                        if (c >= 'a' && c <= 'z') {
                            out[i] = (byte) ('a' + (c - 'a' + 13) % 26);
                        }
                    }
                    return out;
                }

                @Override
                public byte[] decode(byte[] b) {
                    return encode(b);
                }
            };
        });
        TypedCodec<Order> codec = registry.codec("json|rot13", Order.class);
        assertThat(codec.name()).isEqualTo("json|rot13");
        assertThat(new String(codec.encode(new Order("a1", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"vq\":\"n1\",\"nzbhag\":3}");
        assertThat(codec.decode(codec.encode(new Order("a1", 3)))).isEqualTo(new Order("a1", 3));
        assertThat(registry.names()).containsExactly("raw", "string", "json", "binary", "rot13");
        TypedCodec<Order> b64 = registry.codec("json|binary", Order.class);
        assertThat(new String(b64.encode(new Order("a1", 3)), StandardCharsets.UTF_8))
                .isEqualTo("eyJpZCI6ImExIiwiYW1vdW50IjozfQ==");
    }

    @Test
    void untypedAndTypedCodecsAdaptToEachOther() {
        TypedCodec<Order> typed = Codecs.typed(Codecs.JSON, Order.class);
        assertThat(typed.decode(typed.encode(new Order("a", 1)))).isEqualTo(new Order("a", 1));
        assertThat(typed.encode(new Order("a", 1))).isEqualTo(Codecs.json(Order.class).encode(new Order("a", 1)));
        assertThat(Codecs.byName("json|binary").decode(Codecs.byName("json|binary").encode(new Order("x", 2)),
                Order.class)).isEqualTo(new Order("x", 2));
    }

    record Shown(java.time.OffsetDateTime at, java.util.Optional<String> note, java.util.Optional<String> none) {
    }

    @Test
    void theWorkersJacksonMapperShowsTimesAsFaustAndOptionalsAsTheirValue() throws Exception {
        String json = faust.codecs.internal.JsonCodec.mapper().writeValueAsString(new Shown(
                java.time.OffsetDateTime.parse("2024-01-02T03:04:05.5Z"), java.util.Optional.of("n"),
                java.util.Optional.empty()));
        assertThat(json).isEqualTo("{\"at\":\"2024-01-02T03:04:05.500000Z\",\"note\":\"n\",\"none\":null}");
    }

    @Test
    void rawAndStringCodecs() {
        assertThat(Codecs.RAW.encode("k")).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(Codecs.RAW.decode(new byte[] {1, 2}, byte[].class)).containsExactly(1, 2);
        assertThat(Codecs.STRING.decode("é".getBytes(StandardCharsets.UTF_8), String.class)).isEqualTo("é");
        assertThat(Codecs.byName("JSON")).isSameAs(Codecs.JSON);
        assertThatThrownBy(() -> Codecs.byName("avro")).hasMessageContaining("raw, string, json");
    }
}
