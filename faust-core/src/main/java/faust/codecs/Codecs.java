package faust.codecs;

import faust.codecs.internal.BuiltinCodecs;
import faust.codecs.internal.JsonTypedCodec;

/**
 * The built-in codecs: {@link #raw()}, {@link #string()}, {@link #binary()}, {@link #json(Class)} and
 * {@link #json(TypeRef)} (Faust's JSON, byte for byte as Python's stdlib {@code json} writes it); by name
 * ({@code "json|binary"}) through a {@link CodecRegistry}, e.g. the app's ({@code app.codecs()}).
 */
public final class Codecs {
    private static final CodecRegistry STANDARD = CodecRegistry.standard();

    private Codecs() {
    }

    /** @return bytes as they are ({@code byte[]}) */
    public static Codec<byte[]> raw() {
        return BuiltinCodecs.raw("raw");
    }

    /** @return UTF-8 text; bytes that are not UTF-8 fail to decode */
    public static Codec<String> string() {
        return STANDARD.codec("string", String.class);
    }

    /** @return base64, as Faust's {@code binary} codec; chain it: {@code json(T).then(binary())} */
    public static Codec<byte[]> binary() {
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
    public static <T> Codec<T> json(Class<T> type) {
        return new JsonTypedCodec<>(type, true);
    }

    /**
     * @param type the value type, e.g. {@code new TypeRef<List<Order>>() { }}
     * @param <T> the value type
     * @return Faust's JSON for it, as {@link #json(Class)}
     * @throws CodecException when the type cannot be written as JSON
     */
    public static <T> Codec<T> json(TypeRef<T> type) {
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
    public static <T> Codec<T> jsonUtf8(TypeRef<T> type) {
        return new JsonTypedCodec<>(type.type(), false);
    }
}
