package faust.codecs;

import static faust.codecs.Golden.SAMPLE1;
import static faust.codecs.Golden.SAMPLE2;
import static org.assertj.core.api.Assertions.assertThat;

import faust.codecs.Golden.Inner;
import faust.codecs.Golden.Sample;
import faust.codecs.Golden.SampleKey;
import faust.codecs.WireSamples.Rec;
import faust.codecs.internal.wire.ReqRep;
import faust.codecs.internal.wire.SetCodecs;
import faust.codecs.internal.wire.SetKey;
import faust.codecs.internal.wire.SetManagerOperation;
import faust.codecs.internal.wire.SetOp;
import faust.codecs.internal.wire.SetUpdate;
import faust.codecs.internal.wire.WindowKey;
import faust.codecs.internal.wire.WindowKeyCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every value of the Faust 0.11.3 captures in {@code faust-wire} (01 to 06 and 10) is decoded into its Java
 * equivalent and encoded back to the same bytes. Faust's output is canonical for everything here except
 * what the orjson variant (10) does with non-ASCII text, documented in {@link #orjsonVariant}.
 */
class GoldenWireTest {
    private static final Codec<Sample> SAMPLE = Codecs.json(Sample.class);
    private static final Codec<String> RAW_TEXT = CodecRegistry.standard().codec("raw", String.class);
    private static final Codec<String> JSON_TEXT = Codecs.json(String.class);
    private static final Codec<Integer> JSON_INT = Codecs.json(Integer.class);

    /** Compares bytes as text (one char per byte), so that a failure shows where they differ. */
    static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual).as("bytes").isNotNull();
        assertThat(new String(actual, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
    }

    private static Sample expected(String key) {
        return key.equals("k1") || key.equals("r1") ? SAMPLE1 : SAMPLE2;
    }

    /** The acceptance of issue 12: Sample read as Faust wrote it, every field right, re-sent identical. */
    @Test
    void recordsDecodeFieldByFieldAndEncodeBackByteForByte() {
        for (String topic : List.of("samples-in", "samples-out", "samples-regroup")) {
            List<Rec> recs = WireSamples.topic(topic.equals("samples-regroup") ? "06-group-by-repartition.txt"
                    : "01-record-model.txt", topic);
            assertThat(recs).hasSize(2);
            for (Rec r : recs) {
                String key = RAW_TEXT.decode(r.key());
                Sample s = SAMPLE.decode(r.value());
                assertThat(s).as(topic + " " + key).isEqualTo(expected(key));
                assertSameBytes(SAMPLE.encode(s), r.value());
                assertSameBytes(SAMPLE.encode(expected(key)), r.value());
                assertSameBytes(RAW_TEXT.encode(key), r.key());
            }
        }
    }

    @Test
    void everyFieldOfSampleOneIsReadAsFaustHeldIt() {
        Rec r = WireSamples.topic("01-record-model.txt", "samples-in").get(0);
        Sample s = SAMPLE.decode(r.value());
        assertThat(s.s()).isEqualTo("héllo \"world\"");
        assertThat(s.i()).isEqualTo(42);
        assertThat(s.f()).isEqualTo(3.25);
        assertThat(s.b()).isTrue();
        assertThat(s.d()).isEqualTo(new java.math.BigDecimal("12.340")).satisfies(d -> assertThat(d.scale()).isEqualTo(3));
        assertThat(s.dt()).isEqualTo(java.time.OffsetDateTime.parse("2024-01-02T03:04:05.678901Z"));
        assertThat(s.optSet()).contains("present");
        assertThat(s.optNone()).isNull();
        assertThat(s.tags()).containsExactly("a", "b");
        assertThat(s.counts()).containsExactly(Map.entry("x", 1), Map.entry("y", 2));
        assertThat(s.inner()).isEqualTo(new Inner("in", 7));
        Sample naive = SAMPLE.decode(WireSamples.topic("01-record-model.txt", "samples-in").get(1).value());
        assertThat(naive.dt()).isEqualTo(java.time.LocalDateTime.parse("2024-01-02T03:04:05"));
        assertThat(naive.optSet()).isEmpty();
        assertThat(naive.optNone()).isEqualTo(5L);
    }

    @Test
    void recordKeyWithTheJsonKeySerializer() {
        Rec r = WireSamples.topic("01-record-model.txt", "samples-keyed").get(0);
        Codec<SampleKey> keys = Codecs.json(SampleKey.class);
        assertThat(keys.decode(r.key())).isEqualTo(new SampleKey(1));
        assertSameBytes(keys.encode(new SampleKey(1)), r.key());
        assertSameBytes(SAMPLE.encode(SAMPLE.decode(r.value())), r.value());
    }

    @Test
    void untypedValuesWithAKnownNamespaceAreReadAsTheRecord() {
        Rec r = WireSamples.topic("01-record-model.txt", "samples-in").get(0);
        Codecs.json(Sample.class); // building a codec makes golden.Sample known, as a topic of Sample does
        Codec<Object> any = Codecs.json(Object.class);
        assertThat(any.decode(r.value())).isEqualTo(SAMPLE1);
        assertSameBytes(any.encode(any.decode(r.value())), r.value());
    }

    @Test
    void tableChangelogKeysAndValuesAreJson() {
        for (Rec r : WireSamples.topic("02-table-changelog.txt", "words")) {
            assertThat(r.key()).isNull();
            assertSameBytes(JSON_TEXT.encode(JSON_TEXT.decode(r.value())), r.value());
        }
        Map<String, Integer> table = new LinkedHashMap<>();
        for (Rec r : WireSamples.topic("02-table-changelog.txt", "golden-word-counts-changelog")) {
            String key = JSON_TEXT.decode(r.key());
            int count = JSON_INT.decode(r.value());
            assertSameBytes(JSON_TEXT.encode(key), r.key());
            assertSameBytes(JSON_INT.encode(count), r.value());
            table.put(key, count);
        }
        assertThat(table).isEqualTo(Map.of("banana", 1, "cherry", 1, "apple", 3)); // the worker's final state
    }

    @Test
    void windowedChangelogKeysCarryTheWindowInFloatSeconds() {
        WindowKeyCodec<String> codec = new WindowKeyCodec<>(TypeRef.of(String.class));
        for (String topic : List.of("golden-tumbling-counts-changelog", "golden-hopping-counts-changelog")) {
            for (Rec r : WireSamples.topic("03-windowed-changelog.txt", topic)) {
                WindowKey<String> k = codec.decode(r.key());
                // the end is Faust's start + size - 0.1, computed in the same double arithmetic
                assertThat(k).isEqualTo(WindowKey.fromStart(k.key(), k.start(), 10.0));
                assertThat(k.start() % 5).isZero();
                assertSameBytes(codec.encode(k), r.key());
                assertSameBytes(JSON_INT.encode(JSON_INT.decode(r.value())), r.value());
            }
        }
        assertThat(new String(codec.encode(WindowKey.fromStart("home", 1796178230.0, 10)), StandardCharsets.UTF_8))
                .isEqualTo("[\"home\",[1796178230.0,1796178239.9]]");
    }

    @Test
    void setTableChangelogAndManagerOperations() {
        Codec<SetKey<String>> keys = SetCodecs.key(TypeRef.of(String.class));
        Codec<String> members = SetCodecs.member(TypeRef.of(String.class));
        Codec<SetUpdate<String>> updates = SetCodecs.update(TypeRef.of(String.class));
        List<Object> seen = new java.util.ArrayList<>();
        for (Rec r : WireSamples.topic("04-settable.txt", "golden-tags-changelog")) {
            SetKey<String> k = keys.decode(r.key());
            assertSameBytes(keys.encode(k), r.key());
            if (k.op() == SetOp.UPDATE) {
                SetUpdate<String> u = updates.decode(r.value());
                assertSameBytes(updates.encode(u), r.value());
                seen.add(k.op() + " " + k.key() + " " + u.added() + " " + u.removed());
            } else {
                String m = members.decode(r.value());
                assertSameBytes(members.encode(m), r.value());
                seen.add(k.op() + " " + k.key() + " " + m);
            }
        }
        assertThat(seen).containsExactly("UPDATE bob [green] []", "UPDATE bob [] [green]",
                "ADD alice red", "ADD alice blue", "DISCARD alice red");

        Codec<SetManagerOperation<String>> ops = SetCodecs.managerOperation(TypeRef.of(String.class));
        List<Rec> manager = WireSamples.topic("04-settable.txt", "tags-setmanager");
        assertThat(ops.decode(manager.get(0).value()))
                .isEqualTo(new SetManagerOperation<>(SetManagerOperation.Action.ADD, List.of("green")));
        assertThat(ops.decode(manager.get(1).value()))
                .isEqualTo(new SetManagerOperation<>(SetManagerOperation.Action.DISCARD, List.of("green")));
        for (Rec r : manager) {
            assertThat(RAW_TEXT.decode(r.key())).isEqualTo("bob");
            assertSameBytes(ops.encode(ops.decode(r.value())), r.value());
        }
    }

    @Test
    void agentRequestsAndReqRepResponses() {
        List<Rec> requests = WireSamples.topic("05-agent-ask.txt", "golden-golden.adder");
        assertThat(JSON_INT.decode(requests.get(0).value())).isEqualTo(41);
        assertThat(Codecs.json(Inner.class).decode(requests.get(1).value())).isEqualTo(new Inner("rpc", 1));
        assertSameBytes(Codecs.json(Inner.class).encode(new Inner("rpc", 1)), requests.get(1).value());
        assertThat(requests.get(0).headers()).containsOnlyKeys(ReqRep.REPLY_TO_HEADER, ReqRep.CORRELATION_ID_HEADER);
        assertThat(requests.get(2).headers()).isEmpty(); // agent.send(): no reply wanted

        List<Rec> replies = WireSamples.load("05-agent-ask.txt").stream()
                .filter(r -> r.topic().startsWith("f-reply-")).toList();
        ReqRep.ReplyCodec<Object> any = new ReqRep.ReplyCodec<>(TypeRef.of(Object.class));
        ReqRep.Response<Object> first = any.decode(replies.get(0).value());
        // Faust's quirk: "key" is Python's str() of the request key bytes, b'q1'
        assertThat(first.key()).isEqualTo("q1".getBytes(StandardCharsets.UTF_8));
        assertThat(first.value()).isEqualTo(42);
        assertThat(first.correlationId()).isEqualTo(requests.get(0).headers().get(ReqRep.CORRELATION_ID_HEADER));
        assertSameBytes(any.encode(first.key(), first.value(), first.correlationId()), replies.get(0).value());

        ReqRep.ReplyCodec<Inner> typed = new ReqRep.ReplyCodec<>(TypeRef.of(Inner.class));
        ReqRep.Response<Inner> second = typed.decode(replies.get(1).value());
        assertThat(second.key()).isNull();
        assertThat(second.value()).isEqualTo(new Inner("rpc", 1));
        assertThat(second.correlationId()).isEqualTo(requests.get(1).headers().get(ReqRep.CORRELATION_ID_HEADER));
        assertSameBytes(typed.encode(null, second.value(), second.correlationId()), replies.get(1).value());
        ReqRep.Response<Object> untyped = any.decode(replies.get(1).value());
        assertSameBytes(any.encode(null, untyped.value(), untyped.correlationId()), replies.get(1).value());
    }

    @Test
    void repartitionTopicsKeepTheNewKeyRawAndTheValueJson() {
        for (Rec r : WireSamples.topic("06-group-by-repartition.txt", "golden.count_words-words-byword-repartition")) {
            assertThat(RAW_TEXT.decode(r.key())).isEqualTo(JSON_TEXT.decode(r.value()));
            assertSameBytes(RAW_TEXT.encode(RAW_TEXT.decode(r.key())), r.key());
        }
        List<Rec> bySample = WireSamples.topic("06-group-by-repartition.txt",
                "golden.group_samples-samples-regroup-Sample.s-repartition");
        for (Rec r : bySample) {
            Sample s = SAMPLE.decode(r.value());
            assertThat(RAW_TEXT.decode(r.key())).isEqualTo(s.s()); // "" is an empty, non-null key
            assertSameBytes(RAW_TEXT.encode(s.s()), r.key());
            assertSameBytes(SAMPLE.encode(s), r.value());
        }
        Map<String, Integer> sums = new LinkedHashMap<>();
        for (Rec r : WireSamples.topic("06-group-by-repartition.txt", "golden-samples-by-s-changelog")) {
            String key = JSON_TEXT.decode(r.key());
            assertSameBytes(JSON_TEXT.encode(key), r.key());
            sums.put(key, JSON_INT.decode(r.value()));
        }
        assertThat(sums).isEqualTo(Map.of("", -1, "héllo \"world\"", 42));
    }

    /**
     * Faust with orjson installed writes non-ASCII text as raw UTF-8 ({@code "héllo"}) where the stdlib json
     * writes {@code "h\u00e9llo"}; nothing else differs. Both read the same; {@code Codecs.jsonUtf8} writes
     * the orjson form, {@code Codecs.json} the stdlib one.
     */
    @Test
    void orjsonVariant() {
        Rec orjson = WireSamples.topic("10-orjson-variant.txt", "samples-in").get(0);
        Rec stdlib = WireSamples.topic("01-record-model.txt", "samples-in").get(0);
        assertThat(orjson.value()).isNotEqualTo(stdlib.value());
        assertThat(SAMPLE.decode(orjson.value())).isEqualTo(SAMPLE1);
        assertSameBytes(SAMPLE.encode(SAMPLE.decode(orjson.value())), stdlib.value());
        Codec<Sample> utf8 = Codecs.jsonUtf8(TypeRef.of(Sample.class));
        assertSameBytes(utf8.encode(SAMPLE1), orjson.value());
        assertThat(utf8.decode(stdlib.value())).isEqualTo(SAMPLE1);

        Rec naive = WireSamples.topic("10-orjson-variant.txt", "samples-in").get(1);
        assertSameBytes(SAMPLE.encode(SAMPLE.decode(naive.value())), naive.value()); // all ASCII: identical

        Codec<String> utf8Keys = Codecs.jsonUtf8(TypeRef.of(String.class));
        for (Rec r : WireSamples.topic("10-orjson-variant.txt", "golden-samples-by-s-changelog")) {
            assertSameBytes(utf8Keys.encode(JSON_TEXT.decode(r.key())), r.key());
        }
    }
}
