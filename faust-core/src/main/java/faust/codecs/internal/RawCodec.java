package faust.codecs.internal;

import faust.codecs.Codec;
import faust.codecs.CodecException;
import java.nio.charset.StandardCharsets;

/** Bytes as they are; strings as UTF-8. */
public final class RawCodec implements Codec {
    @Override
    public String name() {
        return "raw";
    }

    @Override
    public byte[] encode(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> bytes;
            case CharSequence text -> text.toString().getBytes(StandardCharsets.UTF_8);
            default -> throw new CodecException("the raw codec encodes byte[] and String, not "
                    + value.getClass().getName() + ": choose the json codec for it", null);
        };
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
        if (data == null) {
            return null;
        }
        if (type == String.class) {
            return type.cast(new String(data, StandardCharsets.UTF_8));
        }
        if (type == byte[].class || type == Object.class) {
            return type.cast(data);
        }
        throw new CodecException("the raw codec decodes to byte[] or String, not " + type.getName()
                + ": choose the json codec for it", null);
    }
}
