package faust.codecs.internal;

import faust.codecs.CodecException;
import faust.codecs.TypeRef;
import faust.codecs.Codec;
import faust.codecs.internal.json.PyFloat;
import faust.codecs.internal.json.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code string} codec: UTF-8 text; numbers, booleans, enums and UUIDs as their text (floats as Python's
 * {@code repr}), read back by parsing it.
 */
final class TextCodec {
    private TextCodec() {
    }

    static Codec<?> forType(TypeRef<?> type) {
        Class<?> c = type.rawType();
        if (c == String.class || c == CharSequence.class) {
            return new Utf8Text("string");
        }
        if (c == Object.class) {
            return new ObjectText();
        }
        if (c == byte[].class) {
            return BuiltinCodecs.raw("string");
        }
        if (c.isEnum()) {
            return parsed(c, v -> ((Enum<?>) v).name(), s -> enumValue(c, s));
        }
        Function<String, Object> parse = parser(c);
        if (parse == null) {
            throw new CodecException("the string codec encodes text, numbers, booleans, enums and UUIDs, not "
                    + Types.describe(type.type()) + ": use the json codec for it");
        }
        return parsed(c, TextCodec::text, parse);
    }

    private static Function<String, Object> parser(Class<?> c) {
        if (c == Integer.class || c == int.class) {
            return Integer::valueOf;
        } else if (c == Long.class || c == long.class) {
            return Long::valueOf;
        } else if (c == Short.class || c == short.class) {
            return Short::valueOf;
        } else if (c == Byte.class || c == byte.class) {
            return Byte::valueOf;
        } else if (c == BigInteger.class) {
            return BigInteger::new;
        } else if (c == BigDecimal.class) {
            return BigDecimal::new;
        } else if (c == Double.class || c == double.class) {
            return TextCodec::parseDouble;
        } else if (c == Float.class || c == float.class) {
            return s -> (float) parseDouble(s);
        } else if (c == Boolean.class || c == boolean.class) {
            return TextCodec::parseBoolean;
        } else if (c == UUID.class) {
            return UUID::fromString;
        } else if (c == Character.class || c == char.class) {
            return s -> {
                if (s.length() != 1) {
                    throw new IllegalArgumentException("not one character");
                }
                return s.charAt(0);
            };
        }
        return null;
    }

    static String text(Object v) {
        return switch (v) {
            case Double d -> PyFloat.repr(d);
            case Float f -> PyFloat.json(f);
            default -> v.toString();
        };
    }

    private static double parseDouble(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "infinity", "+inf", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> c, String s) {
        return Enum.valueOf((Class) c, s);
    }

    private static Codec<Object> parsed(Class<?> c, Function<Object, String> format, Function<String, Object> parse) {
        return new Codec<>() {
            @Override
            public String name() {
                return "string";
            }

            @Override
            public byte[] encode(Object value) {
                return value == null ? null : Utf8.encode(format.apply(value), "string");
            }

            @Override
            public Object decode(byte[] data) {
                if (data == null) {
                    return null;
                }
                String s = Utf8.decode(data, "string");
                try {
                    return parse.apply(s.trim());
                } catch (RuntimeException e) {
                    throw new CodecException("value " + quoted(s) + " is not " + c.getSimpleName()
                            + " text (string codec)", e);
                }
            }
        };
    }

    private static String quoted(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }

    /**
     * UTF-8 text.
     *
     * @param name the codec's name
     */
    record Utf8Text(String name) implements Codec<String> {
        @Override
        public byte[] encode(String value) {
            return value == null ? null : Utf8.encode(value, name);
        }

        @Override
        public String decode(byte[] data) {
            return data == null ? null : Utf8.decode(data, name);
        }
    }

    /** Text of whatever value: bytes as they are, else its text; read as a String. */
    private record ObjectText() implements Codec<Object> {
        @Override
        public String name() {
            return "string";
        }

        @Override
        public byte[] encode(Object value) {
            return switch (value) {
                case null -> null;
                case byte[] b -> b;
                default -> Utf8.encode(text(value), "string");
            };
        }

        @Override
        public Object decode(byte[] data) {
            return data == null ? null : Utf8.decode(data, "string");
        }
    }
}
