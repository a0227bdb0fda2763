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
        byte[] bytes = Codecs.json(Order.class).encode(new Order("a1", 3));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"a1\",\"amount\":3}");
        assertThat(Codecs.json(Order.class).decode(bytes)).isEqualTo(new Order("a1", 3));
    }

    @Test
    void untypedJsonDecodesToPlainJavaValues() {
        assertThat(Codecs.json(Object.class).decode("\"hello\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("hello");
        assertThat(Codecs.json(Object.class).decode("{\"n\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Map.of("n", 1));
    }

    @Test
    void untypedTextThatIsNotJsonIsDeliveredAsText() {
        assertThat(Codecs.json(Object.class).decode("hello world".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("hello world");
    }

    @Test
    void typedValuesThatAreNotJsonFailWithACodecException() {
        assertThatThrownBy(() -> Codecs.json(Order.class).decode("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("Order");
    }

    @Test
    void aRegistryTakesCodecsByNameAndChainsThem() {
        CodecRegistry registry = CodecRegistry.standard().register("rot13", type -> {
            if (type.rawType() != byte[].class) {
                throw new CodecException("rot13 encodes bytes, not " + type);
            }
            return new Codec<byte[]>() {
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
        Codec<Order> codec = registry.codec("json|rot13", Order.class);
        assertThat(codec.name()).isEqualTo("json|rot13");
        assertThat(new String(codec.encode(new Order("a1", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"vq\":\"n1\",\"nzbhag\":3}");
        assertThat(codec.decode(codec.encode(new Order("a1", 3)))).isEqualTo(new Order("a1", 3));
        assertThat(registry.names()).containsExactly("raw", "string", "json", "binary", "rot13");
        Codec<Order> b64 = registry.codec("json|binary", Order.class);
        assertThat(new String(b64.encode(new Order("a1", 3)), StandardCharsets.UTF_8))
                .isEqualTo("eyJpZCI6ImExIiwiYW1vdW50IjozfQ==");
    }

    @Test
    void chainsMadeByNameAndByThenAreTheSame() {
        Codec<Order> named = CodecRegistry.standard().codec("json|binary", Order.class);
        Codec<Order> chained = Codecs.json(Order.class).then(Codecs.binary());
        assertThat(named.name()).isEqualTo(chained.name()).isEqualTo("json|binary");
        assertThat(named.encode(new Order("x", 2))).isEqualTo(chained.encode(new Order("x", 2)));
        assertThat(named.decode(chained.encode(new Order("x", 2)))).isEqualTo(new Order("x", 2));
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
        CodecRegistry registry = CodecRegistry.standard();
        assertThat(registry.codec("raw", String.class).encode("k")).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(Codecs.raw().decode(new byte[] {1, 2})).containsExactly(1, 2);
        assertThat(Codecs.string().decode("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
        assertThat(registry.codec("JSON", Order.class).name()).isEqualTo("json");
        assertThatThrownBy(() -> registry.codec("avro", Order.class)).hasMessageContaining("raw, string, json");
        assertThatThrownBy(() -> registry.check("json|avro")).hasMessageContaining("unknown codec 'avro'");
        registry.check("JSON|binary");
    }
}
