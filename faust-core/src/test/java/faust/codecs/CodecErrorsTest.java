package faust.codecs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A value that does not fit fails with one line naming the field, what was expected and what came. */
class CodecErrorsTest {
    record Line(String sku, int qty) {
    }

    @FaustRecord(namespace = "shop.Order")
    record Order(String id, long count, List<Line> lines, Map<String, Integer> tags, LocalDate day) {
    }

    record Positive(int n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }

    private static final Codec<Order> ORDERS = Codecs.json(Order.class);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodingNamesTheField() {
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"id\":\"a\",\"count\":\"x\"}")))
                .isInstanceOf(CodecException.class).hasMessage("Order.count: expected an integer, got \"x\"");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"count\":1,\"lines\":[{\"sku\":\"a\",\"qty\":1},"
                + "{\"sku\":\"b\",\"qty\":3000000000}]}")))
                .hasMessage("Order.lines[1].qty: expected an integer from -2147483648 to 2147483647, got 3000000000");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"count\":1,\"tags\":{\"hot\":true}}")))
                .hasMessage("Order.tags[\"hot\"]: expected an integer, got true");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"id\":\"a\"}")))
                .hasMessage("Order.count: missing (long is required)");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"count\":null}")))
                .hasMessage("Order.count: expected an integer, got null (long cannot be null)");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"count\":1,\"day\":\"2024-13-01\"}")))
                .hasMessage("Order.day: expected an ISO-8601 date, got \"2024-13-01\"");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"count\":1,\"lines\":{}}")))
                .hasMessage("Order.lines: expected a list, got an object");
        assertThatThrownBy(() -> ORDERS.decode(bytes("[1]")))
                .hasMessage("Order: expected an object (shop.Order), got a list");
        assertThatThrownBy(() -> Codecs.json(Positive.class).decode(bytes("{\"n\":-1}")))
                .hasMessage("Positive: rejected by Positive: n must not be negative");
    }

    @Test
    void bytesThatAreNotJsonOrNotText() {
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"id\":")))
                .hasMessageStartingWith("value is not JSON for Order: ");
        assertThatThrownBy(() -> ORDERS.decode(bytes("{\"count\":1} {}")))
                .hasMessage("value is not JSON for Order: more data after the JSON value");
        assertThatThrownBy(() -> CodecRegistry.standard().codec("raw", String.class).decode(new byte[] {(byte) 0xff}))
                .hasMessage("value is not UTF-8 text (raw codec to String): declare the type byte[] to receive the"
                        + " bytes as they are");
    }

    @Test
    void encodingNamesTheField() {
        record When(LocalDate day) {
        }
        assertThatThrownBy(() -> Codecs.json(When.class).encode(new When(LocalDate.of(0, 1, 1))))
                .hasMessage("cannot encode When.day as JSON: year 0 is outside Python's datetime range (1 to 9999)");
        assertThatThrownBy(() -> Codecs.json(Object.class).encode(Map.of(List.of(1), 1)))
                .hasMessageContaining("a map key must be text, a number, a boolean, an enum or a UUID");
        assertThatThrownBy(() -> CodecRegistry.standard().codec("string", String.class).encode("\ud800"))
                .hasMessageContaining("lone UTF-16 surrogate at index 0");
    }

    @Test
    void codecsThatCannotTakeAType() {
        assertThatThrownBy(() -> CodecRegistry.standard().codec("raw", Order.class))
                .isInstanceOf(CodecException.class)
                .hasMessage("the raw codec encodes byte[] and String, not Order: choose the json codec (or string for"
                        + " numbers as text)");
        assertThatThrownBy(() -> CodecRegistry.standard().codec("avro", Order.class))
                .hasMessage("unknown codec 'avro': use one of raw, string, json, binary, or a chain like json|binary");
        assertThatThrownBy(() -> CodecRegistry.standard().codec("json|zip", Order.class))
                .hasMessage("unknown codec 'zip' in 'json|zip': use one of raw, string, json, binary");
    }
}
