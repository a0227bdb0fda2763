package faust.codecs.internal;

import faust.codecs.CodecException;
import faust.codecs.CodecFactory;
import faust.codecs.TypeRef;
import faust.codecs.Codec;
import faust.codecs.internal.json.Types;
import java.util.Base64;
import java.util.Map;

/** The built-in codecs: {@code raw}, {@code string}/{@code str}, {@code json}, {@code binary}. */
public final class BuiltinCodecs {
    private static final CodecFactory RAW = BuiltinCodecs::raw;
    private static final CodecFactory STRING = TextCodec::forType;
    private static final CodecFactory JSON = type -> new JsonTypedCodec<>(type.type(), true);
    private static final CodecFactory BINARY = BuiltinCodecs::binary;

    /** The factories by name. */
    public static final Map<String, CodecFactory> FACTORIES = Map.of(
            "raw", RAW, "string", STRING, "str", STRING, "json", JSON, "binary", BINARY);

    private BuiltinCodecs() {
    }

    /**
     * @param name the name the user gave
     * @return bytes as they are, under that name
     */
    public static Codec<byte[]> raw(String name) {
        return new Bytes(name);
    }

    /** @return base64, as Faust's {@code binary} codec */
    public static Codec<byte[]> base64() {
        return new Base64Codec();
    }

    private static Codec<?> raw(TypeRef<?> type) {
        Class<?> c = type.rawType();
        if (c == byte[].class) {
            return new Bytes("raw");
        }
        if (c == String.class || c == CharSequence.class) {
            return new TextCodec.Utf8Text("raw");
        }
        if (c == Object.class) {
            return new RawObject();
        }
        throw new CodecException("the raw codec encodes byte[] and String, not " + type + ": choose the json codec"
                + " (or string for numbers as text)");
    }

    private static Codec<?> binary(TypeRef<?> type) {
        Class<?> c = type.rawType();
        if (c == byte[].class) {
            return new Base64Codec();
        }
        if (c == Object.class) {
            return new RawObject().then(new Base64Codec());
        }
        if (c == String.class || c == CharSequence.class) {
            Codec<String> utf8 = new TextCodec.Utf8Text("raw");
            return utf8.then(new Base64Codec());
        }
        throw new CodecException("the binary codec encodes byte[] and String, not " + Types.describe(type.type())
                + ": use json|binary for base64 of its JSON");
    }

    /** Bytes as they are. */
    private record Bytes(String name) implements Codec<byte[]> {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] data) {
            return data;
        }
    }

    /** Faust's raw codec for an untyped value: bytes (or text as UTF-8) out, bytes in. */
    private record RawObject() implements Codec<Object> {
        @Override
        public String name() {
            return "raw";
        }

        @Override
        public byte[] encode(Object value) {
            return switch (value) {
                case null -> null;
                case byte[] b -> b;
                case CharSequence s -> Utf8.encode(s.toString(), "raw");
                default -> throw new CodecException("the raw codec encodes byte[] and String, not "
                        + value.getClass().getName() + ": choose the json codec for it");
            };
        }

        @Override
        public Object decode(byte[] data) {
            return data;
        }
    }

    /** Faust's binary codec: base64. */
    private record Base64Codec() implements Codec<byte[]> {
        @Override
        public String name() {
            return "binary";
        }

        @Override
        public byte[] encode(byte[] value) {
            return value == null ? null : Base64.getEncoder().encode(value);
        }

        @Override
        public byte[] decode(byte[] data) {
            if (data == null) {
                return null;
            }
            try {
                return Base64.getMimeDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw new CodecException("value is not base64 (binary codec): " + e.getMessage(), e);
            }
        }
    }
}
