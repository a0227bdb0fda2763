package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

/**
 * Strings, booleans, numbers, {@code BigDecimal} (a JSON string keeping its scale, as Python's
 * {@code str(Decimal)}), {@code UUID} and {@code char}. Reading coerces as Faust does: a number given as a
 * string is taken ({@code "42"} for an int), an integral float fits an integer field.
 */
final class ScalarType extends JsonType {
    enum Kind {
        STRING("a string"), CHAR("a one-character string"), BOOLEAN("true or false"),
        BYTE("an integer"), SHORT("an integer"), INT("an integer"), LONG("an integer"),
        BIG_INTEGER("an integer"), DOUBLE("a number"), FLOAT("a number"), BIG_DECIMAL("a decimal"),
        UUID("a UUID");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
            Map.entry(String.class, Kind.STRING), Map.entry(CharSequence.class, Kind.STRING),
            Map.entry(char.class, Kind.CHAR), Map.entry(Character.class, Kind.CHAR),
            Map.entry(boolean.class, Kind.BOOLEAN), Map.entry(Boolean.class, Kind.BOOLEAN),
            Map.entry(byte.class, Kind.BYTE), Map.entry(Byte.class, Kind.BYTE),
            Map.entry(short.class, Kind.SHORT), Map.entry(Short.class, Kind.SHORT),
            Map.entry(int.class, Kind.INT), Map.entry(Integer.class, Kind.INT),
            Map.entry(long.class, Kind.LONG), Map.entry(Long.class, Kind.LONG),
            Map.entry(BigInteger.class, Kind.BIG_INTEGER),
            Map.entry(double.class, Kind.DOUBLE), Map.entry(Double.class, Kind.DOUBLE),
            Map.entry(float.class, Kind.FLOAT), Map.entry(Float.class, Kind.FLOAT),
            Map.entry(BigDecimal.class, Kind.BIG_DECIMAL), Map.entry(UUID.class, Kind.UUID));

    private final Kind kind;
    private final boolean primitive;

    private ScalarType(Class<?> type, Kind kind) {
        super(type);
        this.kind = kind;
        this.primitive = type.isPrimitive();
    }

    /**
     * @param type a class
     * @return its scalar type, or null when it is not a scalar
     */
    static ScalarType of(Class<?> type) {
        Kind k = KINDS.get(type);
        return k == null ? null : new ScalarType(type, k);
    }

    @Override
    public void write(Object v, JsonOut out) {
        switch (kind) {
            case STRING, CHAR, UUID -> out.string(v.toString());
            case BOOLEAN -> out.bool((Boolean) v);
            case BYTE, SHORT, INT, LONG -> out.number(((Number) v).longValue());
            case BIG_INTEGER -> out.ascii(v.toString());
            case DOUBLE -> out.number(((Number) v).doubleValue());
            case FLOAT -> out.ascii(PyFloat.json(((Number) v).floatValue()));
            case BIG_DECIMAL -> out.string(v.toString());
        }
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (kind) {
            case STRING -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw JsonRead.expected(p, kind.what);
                }
                yield p.getText();
            }
            case CHAR -> {
                if (t != JsonToken.VALUE_STRING || p.getTextLength() != 1) {
                    throw JsonRead.expected(p, kind.what);
                }
                yield p.getText().charAt(0);
            }
            case BOOLEAN -> switch (t) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw JsonRead.expected(p, kind.what);
            };
            case BYTE -> (byte) integer(p, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> (short) integer(p, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> (int) integer(p, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> integer(p, Long.MIN_VALUE, Long.MAX_VALUE);
            case BIG_INTEGER -> bigInteger(p);
            case DOUBLE -> floating(p);
            case FLOAT -> (float) floating(p);
            case BIG_DECIMAL -> decimal(p);
            case UUID -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw JsonRead.expected(p, kind.what);
                }
                try {
                    yield java.util.UUID.fromString(p.getText().trim());
                } catch (IllegalArgumentException e) {
                    throw JsonRead.expected(p, kind.what);
                }
            }
        };
    }

    private long integer(JsonParser p, long min, long max) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long l = p.getLongValue();
            if (l >= min && l <= max) {
                return l;
            }
            throw JsonRead.expected(p, "an integer from " + min + " to " + max);
        }
        BigInteger v = bigInteger(p);
        if (v.bitLength() < 64) {
            long l = v.longValue();
            if (l >= min && l <= max) {
                return l;
            }
        }
        throw JsonRead.expected(p, "an integer from " + min + " to " + max);
    }

    private BigInteger bigInteger(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : BigInteger.valueOf(p.getLongValue());
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT && !p.isNaN()) {
                return p.getDecimalValue().toBigIntegerExact();
            }
            if (t == JsonToken.VALUE_STRING) {
                return new BigDecimal(p.getText().trim()).toBigIntegerExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw JsonRead.expected(p, "an integer");
        }
        throw JsonRead.expected(p, "an integer");
    }

    private double floating(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "nan", "+nan", "-nan" -> {
                    return Double.NaN;
                }
                case "inf", "+inf", "infinity", "+infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9' || "+-.eE_".indexOf(c) >= 0)) {
                            return Double.parseDouble(s.replace("_", ""));
                        }
                    } catch (NumberFormatException e) {
                        // falls through to the error below
                    }
                }
            }
        }
        throw JsonRead.expected(p, kind.what);
    }

    private BigDecimal decimal(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        try {
            if (t == JsonToken.VALUE_STRING) {
                return new BigDecimal(p.getText().trim());
            }
            if ((t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) && !p.isNaN()) {
                return p.getDecimalValue();
            }
        } catch (NumberFormatException e) {
            throw JsonRead.expected(p, kind.what);
        }
        throw JsonRead.expected(p, kind.what);
    }

    @Override
    public Object nullValue() {
        if (primitive) {
            throw new BindException("expected " + kind.what + ", got null (" + type().getTypeName() + " cannot be null)");
        }
        return null;
    }

    @Override
    public Object missingValue() {
        if (primitive) {
            throw new BindException("missing (" + type().getTypeName() + " is required)");
        }
        return null;
    }

    @Override
    public boolean required() {
        return primitive;
    }

    /** @return the kind, for map keys */
    Kind kind() {
        return kind;
    }
}
