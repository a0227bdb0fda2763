package faust.codecs;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Java equivalents of the models in {@code faust-wire/golden.py} and its two sample values. */
final class Golden {
    private Golden() {
    }

    /**
     * {@code class Inner(faust.Record): name: str; score: int}.
     *
     * @param name name
     * @param score score
     */
    @FaustRecord(namespace = "golden.Inner")
    record Inner(String name, int score) {
    }

    /**
     * {@code class Sample(faust.Record)}. {@code dt} is a {@code Temporal} because the two samples hold an
     * aware and a naive datetime in the same field; a Java app would pick one type.
     *
     * @param s str
     * @param i int
     * @param f float
     * @param b bool
     * @param d Decimal
     * @param dt datetime
     * @param optSet Optional[str]
     * @param optNone Optional[int]
     * @param tags List[str]
     * @param counts Dict[str, int]
     * @param inner Inner
     */
    @FaustRecord(namespace = "golden.Sample")
    record Sample(String s, long i, double f, boolean b, BigDecimal d, Temporal dt,
                  @FaustField("opt_set") Optional<String> optSet, @FaustField("opt_none") Long optNone,
                  List<String> tags, Map<String, Integer> counts, Inner inner) {
    }

    /**
     * {@code class SampleKey(faust.Record): id: int}.
     *
     * @param id id
     */
    @FaustRecord(namespace = "golden.SampleKey")
    record SampleKey(long id) {
    }

    static final Sample SAMPLE1 = new Sample("h\u00e9llo \"world\"", 42, 3.25, true, new BigDecimal("12.340"),
            OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000, ZoneOffset.UTC), Optional.of("present"), null,
            List.of("a", "b"), ordered("x", 1, "y", 2), new Inner("in", 7));

    static final Sample SAMPLE2 = new Sample("", -1, 0.1, false, new BigDecimal("-0.5"),
            LocalDateTime.of(2024, 1, 2, 3, 4, 5), Optional.empty(), 5L, List.of(), ordered(),
            new Inner("", 0));

    private static Map<String, Integer> ordered(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }
}
