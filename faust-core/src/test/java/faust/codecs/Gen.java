package faust.codecs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/** Random values for property tests: text with any code point, bytes that are not UTF-8, nested JSON. */
final class Gen {
    enum Status { NEW, PAID, SHIPPED }

    @FaustRecord(namespace = "test.Line")
    record Line(String sku, int qty, double price) {
    }

    @FaustRecord(namespace = "test.Order")
    record Order(String id, long total, double ratio, float weight, boolean paid, BigDecimal amount,
                 OffsetDateTime placed, LocalDateTime local, Optional<String> note, Integer maybe, List<Line> lines,
                 Map<String, Long> counts, Status status, UUID ref, BigInteger big, char grade) {
    }

    private final SplittableRandom r;

    Gen(long seed) {
        this.r = new SplittableRandom(seed);
    }

    int size(int max) {
        return r.nextInt(max + 1);
    }

    byte[] bytes() {
        byte[] b = new byte[size(40)];
        r.nextBytes(b);
        return b;
    }

    /** @param surrogates whether lone surrogates may appear (not in text that must be UTF-8) */
    String text(boolean surrogates) {
        StringBuilder sb = new StringBuilder();
        int n = size(16);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(8)) {
                case 0, 1, 2 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 3 -> sb.append((char) r.nextInt(0x20));
                case 4 -> sb.append("\"\\/\u007f".charAt(r.nextInt(4)));
                case 5 -> sb.appendCodePoint(0xa0 + r.nextInt(0xd800 - 0xa0));
                case 6 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                default -> {
                    if (surrogates) {
                        sb.append((char) (0xd800 + r.nextInt(0x800)));
                    } else {
                        sb.append('é');
                    }
                }
            }
        }
        return sb.toString();
    }

    double dbl() {
        return switch (r.nextInt(6)) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> r.nextInt(1000) / 100.0;
            case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(-30, 30));
            case 3 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 1e16, 1e-5, 5e-324}[r.nextInt(7)];
            default -> r.nextGaussian() * 1e6;
        };
    }

    BigDecimal decimal() {
        return new BigDecimal(BigInteger.valueOf(r.nextLong()).multiply(BigInteger.valueOf(r.nextInt(1, 1000))),
                r.nextInt(-10, 20));
    }

    OffsetDateTime offsetDateTime() {
        return OffsetDateTime.of(localDateTime(), ZoneOffset.ofTotalSeconds(60 * 15 * r.nextInt(-48, 57)));
    }

    LocalDateTime localDateTime() {
        int micros = r.nextBoolean() ? 0 : r.nextInt(1_000_000);
        return LocalDateTime.of(r.nextInt(1, 10000), r.nextInt(1, 13), r.nextInt(1, 29), r.nextInt(24), r.nextInt(60),
                r.nextInt(60), micros * 1000);
    }

    Order order() {
        List<Line> lines = new ArrayList<>();
        for (int i = size(3); i > 0; i--) {
            lines.add(new Line(text(true), r.nextInt(), dbl()));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = size(3); i > 0; i--) {
            counts.put(text(false), r.nextLong()); // Jackson refuses lone surrogates in names
        }
        return new Order(text(true), r.nextLong(), dbl(), (float) dbl(), r.nextBoolean(), decimal(), offsetDateTime(),
                localDateTime(), r.nextBoolean() ? Optional.empty() : Optional.of(text(true)),
                r.nextBoolean() ? null : r.nextInt(), lines, counts, Status.values()[r.nextInt(3)],
                new UUID(r.nextLong(), r.nextLong()), BigInteger.valueOf(r.nextLong()).shiftLeft(r.nextInt(80)),
                (char) (0x20 + r.nextInt(0x5f)));
    }

    /** A plain JSON value as the untyped codec reads it: maps, lists, text, Integer/Long/BigInteger, Double. */
    Object json(int depth) {
        int kind = r.nextInt(depth > 2 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> text(true);
            case 3 -> switch (r.nextInt(3)) {
                case 0 -> r.nextInt();
                case 1 -> (long) Integer.MAX_VALUE + 1 + r.nextInt(1 << 30);
                default -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(r.nextLong() & Long.MAX_VALUE));
            };
            case 4, 5 -> dbl();
            case 6 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = size(4); i > 0; i--) {
                    m.put(text(false), json(depth + 1));
                }
                yield m;
            }
            default -> {
                List<Object> l = new ArrayList<>();
                for (int i = size(4); i > 0; i--) {
                    l.add(json(depth + 1));
                }
                yield l;
            }
        };
    }
}
