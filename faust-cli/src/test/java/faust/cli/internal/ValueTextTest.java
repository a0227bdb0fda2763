package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.ConfigException;
import faust.codecs.Codecs;
import faust.codecs.TypeRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    record Order(String id, int qty) {
    }

    @faust.codecs.FaustRecord(namespace = "shop.Payment")
    record Payment(java.math.BigDecimal amount, java.time.OffsetDateTime at) {
    }

    private static String json(String text, Class<?> type) {
        return new String(ValueText.encode(text, Codecs.json(type), TypeRef.of(type), "VALUE", "t"), StandardCharsets.UTF_8);
    }

    @Test
    void jsonValuesAreParsedAndReEncoded() {
        assertThat(json("\"hello\"", Object.class)).isEqualTo("\"hello\"");
        assertThat(json(" { \"a\" : 1 } ", Object.class)).isEqualTo("{\"a\":1}");
        assertThat(json("-5", Object.class)).isEqualTo("-5");
        assertThat(json("{\"id\":\"o1\",\"qty\":2}", Order.class)).isEqualTo("{\"id\":\"o1\",\"qty\":2}");
    }

    @Test
    void recordsAreSentInFaustsExactForm() {
        assertThat(json("{\"at\": \"2024-01-02T03:04:05+00:00\", \"amount\": \"12.340\"}", Payment.class))
                .isEqualTo("{\"amount\":\"12.340\",\"at\":\"2024-01-02T03:04:05Z\",\"__faust\":{\"ns\":\"shop.Payment\"}}");
        byte[] b64 = ValueText.encode("{\"amount\":\"1\",\"at\":null}", Codecs.json(Payment.class).then(Codecs.binary()),
                TypeRef.of(Payment.class),
                "VALUE", "t");
        assertThat(new String(java.util.Base64.getDecoder().decode(b64), StandardCharsets.UTF_8))
                .isEqualTo("{\"amount\":\"1\",\"at\":null,\"__faust\":{\"ns\":\"shop.Payment\"}}");
    }

    @Test
    void textThatIsNotJsonIsOneClearError() {
        assertThatThrownBy(() -> json("hello", Object.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("VALUE hello is not JSON, and topic t takes JSON: quote a string for the shell and JSON,"
                        + " e.g. '\"hello\"', or give an object like '{\"n\": 1}' (or --value-serializer string to"
                        + " send text)");
        assertThatThrownBy(() -> json("{\"a\":1} x", Object.class)).isInstanceOf(ConfigException.class);
    }

    @Test
    void jsonThatDoesNotFitTheTopicType() {
        assertThatThrownBy(() -> json("{\"id\":\"o1\",\"qty\":\"many\"}", Order.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("VALUE does not fit Order: ");
    }

    @Test
    void stringAndRawAreText() {
        assertThat(ValueText.encode("hello", Codecs.string(), TypeRef.of(String.class), "VALUE", "t"))
                .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(ValueText.encode("k1", Codecs.raw(), TypeRef.of(byte[].class), "--key", "t"))
                .isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(ValueText.encode(null, Codecs.json(Object.class), TypeRef.of(Object.class), "VALUE", "t")).isNull();
    }

    @Test
    void textForANumberTypeIsParsedByTheStringCodec() {
        assertThat(ValueText.encode("42", faust.codecs.CodecRegistry.standard().codec("string", Long.class),
                TypeRef.of(Long.class), "--key", "t")).isEqualTo("42".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ValueText.encode("many", faust.codecs.CodecRegistry.standard().codec("string",
                Long.class), TypeRef.of(Long.class), "--key", "t"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--key does not fit Long: ");
        assertThat(ValueText.encode("42", Codecs.json(Long.class), TypeRef.of(Long.class), "--key", "t"))
                .isEqualTo("42".getBytes(StandardCharsets.UTF_8));
    }
}
