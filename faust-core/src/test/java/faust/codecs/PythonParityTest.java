package faust.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The JSON codec writes what CPython's json writes (as Faust configures it) for thousands of values —
 * random doubles, decimals, text with controls, astral characters and lone surrogates, datetimes, bytes, dict
 * keys — listed with Python's output in {@code python-json-parity.tsv} (made by
 * {@code src/test/python/python_json_parity.py}); and reads Python's output back to the same value.
 */
class PythonParityTest {
    private record Line(String kind, String input, String ascii, String utf8) {
    }

    private static List<Line> lines(String kind) throws IOException {
        List<Line> out = new ArrayList<>();
        try (InputStream in = PythonParityTest.class.getResourceAsStream("/python-json-parity.tsv")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.startsWith("#") || l.isEmpty()) {
                    continue;
                }
                String[] f = l.split("\t", -1);
                if (f[0].equals(kind)) {
                    out.add(new Line(f[0], f[1], unescape(f[2]), f.length > 3 ? unescape(f[3]) : null));
                }
            }
        }
        assertThat(out).as(kind + " lines").hasSizeGreaterThan(40);
        return out;
    }

    /** Undoes Python's {@code unicode_escape}. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'x' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    private static <T> void check(Codec<T> codec, T value, String python, Consumer<T> sameAsValue) {
        String written = new String(codec.encode(value), StandardCharsets.UTF_8);
        assertThat(written).as("Java's JSON for %s", value).isEqualTo(python);
        sameAsValue.accept(codec.decode(python.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void floatsAsPythonRepr() throws IOException {
        Codec<Double> codec = Codecs.json(Double.class);
        for (Line l : lines("float")) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(l.input(), 16));
            check(codec, d, l.ascii(), back -> assertThat(Double.doubleToLongBits(back))
                    .as("%s read back", l.ascii()).isEqualTo(Double.doubleToLongBits(d)));
        }
    }

    @Test
    void decimalsAsPythonStr() throws IOException {
        Codec<BigDecimal> codec = Codecs.json(BigDecimal.class);
        for (Line l : lines("decimal")) {
            String[] f = l.input().split(":");
            BigDecimal d = new BigDecimal(new BigInteger(f[0]), Integer.parseInt(f[1]));
            check(codec, d, l.ascii(), back -> assertThat(back).isEqualTo(d)); // equals: same scale too
        }
    }

    @Test
    void textWithEnsureAsciiAndAsUtf8() throws IOException {
        Codec<String> ascii = Codecs.json(String.class);
        Codec<String> utf8 = Codecs.jsonUtf8(TypeRef.of(String.class));
        for (Line l : lines("string")) {
            StringBuilder sb = new StringBuilder();
            if (!l.input().isEmpty()) {
                for (String cp : l.input().split(" ")) {
                    sb.appendCodePoint(Integer.parseInt(cp, 16));
                }
            }
            String s = sb.toString();
            check(ascii, s, l.ascii(), back -> assertThat(back).isEqualTo(s));
            if (l.utf8() != null) {
                check(utf8, s, l.utf8(), back -> assertThat(back).isEqualTo(s));
            }
        }
    }

    @Test
    void datetimesDatesAndTimesAsFaustWritesThem() throws IOException {
        Codec<java.time.temporal.Temporal> any = Codecs.json(java.time.temporal.Temporal.class);
        for (Line l : lines("datetime")) {
            String[] f = l.input().split(" ");
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]) * 1000);
            java.time.temporal.Temporal t = f[7].equals("naive") ? local
                    : OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(Integer.parseInt(f[7])));
            check(any, t, l.ascii(), back -> assertThat(back).isEqualTo(t));
        }
        Codec<LocalDate> dates = Codecs.json(LocalDate.class);
        for (Line l : lines("date")) {
            String[] f = l.input().split(" ");
            LocalDate d = LocalDate.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]));
            check(dates, d, l.ascii(), back -> assertThat(back).isEqualTo(d));
        }
        Codec<LocalTime> times = Codecs.json(LocalTime.class);
        for (Line l : lines("time")) {
            String[] f = l.input().split(" ");
            LocalTime t = LocalTime.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]) * 1000);
            check(times, t, l.ascii(), back -> assertThat(back).isEqualTo(t));
        }
    }

    @Test
    void bytesInsideJsonAsPythonStrOfBytes() throws IOException {
        Codec<List<byte[]>> codec = Codecs.json(new TypeRef<List<byte[]>>() { });
        for (Line l : lines("bytes")) {
            byte[] b = HexFormat.of().parseHex(l.input());
            check(codec, List.of(b), "[" + l.ascii() + "]", back -> assertThat(back.get(0)).isEqualTo(b));
        }
    }

    @Test
    void numberDictKeysBecomeText() throws IOException {
        Codec<Map<Long, Integer>> ints = Codecs.json(new TypeRef<Map<Long, Integer>>() { });
        for (Line l : lines("intkey")) {
            Map<Long, Integer> m = Map.of(Long.parseLong(l.input()), 1);
            check(ints, m, l.ascii(), back -> assertThat(back).isEqualTo(m));
        }
        Codec<Map<Double, Integer>> floats = Codecs.json(TypeRef.mapOf(Double.class, Integer.class));
        for (Line l : lines("floatkey")) {
            Map<Double, Integer> m = Map.of(Double.longBitsToDouble(Long.parseUnsignedLong(l.input(), 16)), 1);
            check(floats, m, l.ascii(), back -> assertThat(back).isEqualTo(m));
        }
    }
}
