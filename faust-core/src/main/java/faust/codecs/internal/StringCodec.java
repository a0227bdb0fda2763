package faust.codecs.internal;

import faust.codecs.Codec;
import faust.codecs.CodecException;
import java.nio.charset.StandardCharsets;

/** UTF-8 text. */
public final class StringCodec implements Codec {
    @Override
    public String name() {
        return "string";
    }

    @Override
    public byte[] encode(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> bytes;
            default -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
        if (data == null) {
            return null;
        }
        if (type == String.class || type == Object.class || type == CharSequence.class) {
            return type.cast(new String(data, StandardCharsets.UTF_8));
        }
        if (type == byte[].class) {
            return type.cast(data);
        }
        throw new CodecException("the string codec decodes to String, not " + type.getName(), null);
    }
}
