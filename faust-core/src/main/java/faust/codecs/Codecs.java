package faust.codecs;

import faust.ConfigException;
import faust.codecs.internal.BuiltinCodecs;
import faust.codecs.internal.JsonTypedCodec;
import faust.codecs.internal.NamedCodec;

/**
 * The built-in codecs.
 *
 * <p>Typed: {@link #raw()}, {@link #string()}, {@link #binary()}, {@link #json(Class)} and
 * {@link #json(TypeRef)} (Faust's JSON, byte for byte as Python's stdlib {@code json} writes it), and by
 * name through {@link CodecRegistry#standard()}.
 *
 * <p>Untyped (what topics and tables take until they move to typed codecs): {@link #RAW}, {@link #STRING},
 * {@link #JSON} and {@link #byName(String)}; they pick the typed codec of the value's class.
 */
public final class Codecs {
    private static final CodecRegistry STANDARD = CodecRegistry.standard();

    /** Bytes as they are; strings are sent as UTF-8. The default for keys. */
    public static final Codec RAW = new NamedCodec("raw", STANDARD);
    /** UTF-8 text; numbers, booleans, enums and UUIDs as their text. */
    public static final Codec STRING = new NamedCodec("string", STANDARD);
    /**
     * Faust's JSON: Java records map to JSON objects (with Faust's {@code "__faust"} marker when marked
     * {@link FaustRecord}). The default for values. A value read as {@code Object} that is not valid JSON is
     * delivered as its UTF-8 text rather than dropped; {@code byte[]} is sent as it is.
     */
    public static final Codec JSON = new NamedCodec("json", STANDARD);

    private Codecs() {
    }

    /**
     * @param name {@code raw}, {@code string}, {@code json}, {@code binary} or a chain such as
     *             {@code json|binary} (case-insensitive)
     * @return the codec
     * @throws ConfigException for any other name
     */
    public static Codec byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "raw" -> RAW;
            case "string", "str" -> STRING;
            case "json" -> JSON;
            default -> {
                try {
                    yield new NamedCodec(n, STANDARD);
                } catch (CodecException e) {
                    throw new ConfigException(e.getMessage(), e);
                }
            }
        };
    }

    /** @return bytes as they are ({@code byte[]}) */
    public static TypedCodec<byte[]> raw() {
        return BuiltinCodecs.raw("raw");
    }

    /** @return UTF-8 text; bytes that are not UTF-8 fail to decode */
    public static TypedCodec<String> string() {
        return STANDARD.codec("string", String.class);
    }

    /** @return base64, as Faust's {@code binary} codec; chain it: {@code json(T).then(binary())} */
    public static TypedCodec<byte[]> binary() {
        return BuiltinCodecs.base64();
    }

    /**
     * Faust's JSON for a type: compact, non-ASCII escaped as Python's {@code json.dumps} does, records with
     * Faust's marker, {@code BigDecimal} as a string keeping its scale, {@code java.time} values as
     * ISO-8601, floats as Python's {@code repr}.
     *
     * @param type the value type
     * @param <T> the value type
     * @return the codec
     * @throws CodecException when the type cannot be written as JSON
     */
    public static <T> TypedCodec<T> json(Class<T> type) {
        return new JsonTypedCodec<>(type, true);
    }

    /**
     * @param type the value type, e.g. {@code new TypeRef<List<Order>>() { }}
     * @param <T> the value type
     * @return Faust's JSON for it, as {@link #json(Class)}
     * @throws CodecException when the type cannot be written as JSON
     */
    public static <T> TypedCodec<T> json(TypeRef<T> type) {
        return new JsonTypedCodec<>(type.type(), true);
    }

    /**
     * Faust's JSON as Faust writes it when orjson is installed: non-ASCII text as UTF-8 rather than
     * {@code \\uXXXX} escapes; everything else as {@link #json(TypeRef)}. Both forms read the same.
     *
     * @param type the value type
     * @param <T> the value type
     * @return the codec
     */
    public static <T> TypedCodec<T> jsonUtf8(TypeRef<T> type) {
        return new JsonTypedCodec<>(type.type(), false);
    }

    /**
     * Adapts an untyped codec (an implementation of {@link Codec}) to a typed one.
     *
     * @param codec the untyped codec
     * @param type the value type (decoded with {@code codec.decode(data, type)})
     * @param <T> the value type
     * @return the typed codec
     */
    public static <T> TypedCodec<T> typed(Codec codec, Class<T> type) {
        return new TypedCodec<>() {
            @Override
            public String name() {
                return codec.name();
            }

            @Override
            public byte[] encode(T value) {
                return codec.encode(value);
            }

            @Override
            public T decode(byte[] data) {
                return codec.decode(data, type);
            }
        };
    }
}
