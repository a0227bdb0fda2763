package faust.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records as Faust writes them, polymorphism by namespace, and the coercions Faust applies when reading. */
class RecordsTest {
    @FaustRecord(namespace = "shapes.Circle")
    record Circle(double radius) implements Shape {
    }

    @FaustRecord(namespace = "shapes.Square")
    record Square(double side) implements Shape {
    }

    sealed interface Shape permits Circle, Square {
    }

    @FaustRecord(namespace = "shapes.Drawing")
    record Drawing(String title, List<Shape> shapes, Shape main) {
    }

    interface Event {
    }

    @FaustRecord(namespace = "events.Click")
    record Click(int x, int y) implements Event {
    }

    @FaustRecord(namespace = "events.Key")
    record Key(String key) implements Event {
    }

    @FaustRecord
    record Defaulted(int n) {
    }

    @FaustRecord(namespace = "plain.NoMarker", includeMetadata = false)
    record NoMarker(int n) {
    }

    record Plain(String a, int b) {
    }

    @FaustRecord(namespace = "tree.Node")
    record Node(String name, List<Node> children) {
    }

    @FaustRecord(namespace = "generic.Box")
    record Box<T>(T item, List<T> more) {
    }

    @FaustRecord(namespace = "legacy.Account")
    static class Account {
        String owner;
        BigDecimal balance;
        transient int ignored;

        Account() {
        }

        Account(String owner, BigDecimal balance) {
            this.owner = owner;
            this.balance = balance;
        }
    }

    record Positive(int n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must be positive");
            }
        }
    }

    private static String json(Codec<?> codec, Object value) {
        @SuppressWarnings("unchecked")
        Codec<Object> c = (Codec<Object>) codec;
        return new String(c.encode(value), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void markerIsLastAndNestedRecordsCarryTheirOwn() {
        Drawing d = new Drawing("d", List.of(new Circle(1.5), new Square(2)), new Square(0.1));
        Codec<Drawing> codec = Codecs.json(Drawing.class);
        assertThat(json(codec, d)).isEqualTo("{\"title\":\"d\",\"shapes\":[{\"radius\":1.5,\"__faust\":{\"ns\":"
                + "\"shapes.Circle\"}},{\"side\":2.0,\"__faust\":{\"ns\":\"shapes.Square\"}}],\"main\":{\"side\":0.1,"
                + "\"__faust\":{\"ns\":\"shapes.Square\"}},\"__faust\":{\"ns\":\"shapes.Drawing\"}}");
        assertThat(codec.decode(codec.encode(d))).isEqualTo(d);
    }

    @Test
    void sealedInterfacesAreResolvedByNamespace() {
        Codec<Shape> codec = Codecs.json(Shape.class);
        assertThat(codec.decode(bytes("{\"side\":3,\"__faust\":{\"ns\":\"shapes.Square\"}}"))).isEqualTo(new Square(3));
        assertThat(codec.decode(bytes("{\"radius\":3,\"__faust\":{\"ns\":\"shapes.Circle\"}}"))).isEqualTo(new Circle(3));
        assertThatThrownBy(() -> codec.decode(bytes("{\"side\":3}")))
                .isInstanceOf(CodecException.class)
                .hasMessage("Shape: no \"__faust\" namespace to tell which Shape this is: expected one of "
                        + "[shapes.Circle, shapes.Square]");
        assertThatThrownBy(() -> codec.decode(bytes("{\"side\":3,\"__faust\":{\"ns\":\"shapes.Hexagon\"}}")))
                .hasMessage("Shape: namespace \"shapes.Hexagon\" is not a Shape: expected one of "
                        + "[shapes.Circle, shapes.Square]");
    }

    @Test
    void otherInterfacesAreResolvedAmongRegisteredRecords() {
        Records.register(Click.class, Key.class);
        Codec<Event> codec = Codecs.json(Event.class);
        assertThat(codec.decode(bytes("{\"x\":1,\"y\":2,\"__faust\":{\"ns\":\"events.Click\"}}"))).isEqualTo(new Click(1, 2));
        assertThat(codec.decode(codec.encode(new Key("q")))).isEqualTo(new Key("q"));
    }

    @Test
    void namespaceDefaultsToTheCanonicalClassNameAndCanBeLeftOut() {
        assertThat(json(Codecs.json(Defaulted.class), new Defaulted(1)))
                .isEqualTo("{\"n\":1,\"__faust\":{\"ns\":\"faust.codecs.RecordsTest.Defaulted\"}}");
        assertThat(json(Codecs.json(NoMarker.class), new NoMarker(1))).isEqualTo("{\"n\":1}");
        assertThat(json(Codecs.json(Plain.class), new Plain("x", 2))).isEqualTo("{\"a\":\"x\",\"b\":2}");
        assertThat(Records.namespace(NoMarker.class)).isEqualTo("plain.NoMarker");
        assertThat(Records.namespace(Plain.class)).isNull();
    }

    @Test
    void readingAcceptsValuesWithoutTheMarkerAndIgnoresUnknownFields() {
        Codec<Circle> codec = Codecs.json(Circle.class);
        assertThat(codec.decode(bytes("{\"radius\":2}"))).isEqualTo(new Circle(2));
        assertThat(codec.decode(bytes("{\"extra\":{\"a\":[1,2]},\"radius\":2,\"__faust\":{\"ns\":\"other.Ns\"}}")))
                .isEqualTo(new Circle(2));
    }

    @Test
    void recursiveGenericAndClassRecords() {
        Codec<Node> nodes = Codecs.json(Node.class);
        Node tree = new Node("a", List.of(new Node("b", List.of()), new Node("c", List.of(new Node("d", List.of())))));
        assertThat(nodes.decode(nodes.encode(tree))).isEqualTo(tree);

        Codec<Box<Instant>> boxes = Codecs.json(new TypeRef<Box<Instant>>() { });
        Box<Instant> box = new Box<>(Instant.parse("2024-01-02T03:04:05Z"), List.of(Instant.EPOCH));
        assertThat(json(boxes, box)).isEqualTo("{\"item\":\"2024-01-02T03:04:05Z\",\"more\":[\"1970-01-01T00:00:00Z\"],"
                + "\"__faust\":{\"ns\":\"generic.Box\"}}");
        assertThat(boxes.decode(boxes.encode(box))).isEqualTo(box);

        Codec<Account> accounts = Codecs.json(Account.class);
        assertThat(json(accounts, new Account("ann", new BigDecimal("1.50"))))
                .isEqualTo("{\"owner\":\"ann\",\"balance\":\"1.50\",\"__faust\":{\"ns\":\"legacy.Account\"}}");
        Account back = accounts.decode(accounts.encode(new Account("ann", new BigDecimal("1.50"))));
        assertThat(back.owner).isEqualTo("ann");
        assertThat(back.balance).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void coercionsAsFaustAppliesThem() {
        Codec<Map<String, Integer>> ints = Codecs.json(TypeRef.mapOf(String.class, Integer.class));
        assertThat(ints.decode(bytes("{\"a\":\"42\",\"b\":3.0,\"c\":-7}"))).containsExactly(
                Map.entry("a", 42), Map.entry("b", 3), Map.entry("c", -7));
        assertThat(Codecs.json(BigDecimal.class).decode(bytes("12.50"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(Codecs.json(BigDecimal.class).decode(bytes("\"1E+2\""))).isEqualTo(new BigDecimal("1E+2"));
        assertThat(Codecs.json(OffsetDateTime.class).decode(bytes("\"2024-01-02 03:04:05\"")))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)); // naive is taken as UTC
        assertThat(Codecs.json(Double.class).decode(bytes("NaN"))).isNaN();
        assertThat(Codecs.json(Double.class).encode(Double.NEGATIVE_INFINITY)).isEqualTo(bytes("-Infinity"));
        assertThat(Codecs.json(new TypeRef<Optional<String>>() { }).decode(bytes("null"))).isEmpty();
    }
}
