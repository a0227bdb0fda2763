package faust.codecs.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import faust.codecs.CodecException;
import faust.codecs.Codec;
import faust.codecs.internal.json.BindException;
import faust.codecs.internal.json.JsonOut;
import faust.codecs.internal.json.JsonRead;
import java.io.IOException;

/**
 * Base of the codecs of Faust's internal JSON shapes (window keys, set operations): reading and writing
 * with the JSON engine, errors as one-line {@link CodecException}s naming the part at fault.
 *
 * @param <T> the value type
 */
abstract class WireCodec<T> implements Codec<T> {
    private final String what;

    WireCodec(String what) {
        this.what = what;
    }

    @Override
    public String name() {
        return "json";
    }

    abstract void write(T value, JsonOut out);

    abstract T read(JsonParser p) throws IOException;

    @Override
    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        JsonOut out = new JsonOut(true, 64);
        try {
            write(value, out);
        } catch (BindException e) {
            throw new CodecException("cannot encode " + what + e.path() + " as JSON: " + e.problem(), e);
        }
        return out.toBytes();
    }

    @Override
    public T decode(byte[] data) {
        if (data == null) {
            return null;
        }
        try (JsonParser p = JsonRead.FACTORY.createParser(data)) {
            if (p.nextToken() == null) {
                throw new CodecException("value is not JSON for " + what + ": no content");
            }
            T v = read(p);
            if (p.nextToken() != null) {
                throw new CodecException("value is not JSON for " + what + ": more data after the value");
            }
            return v;
        } catch (BindException e) {
            throw new CodecException(what + e.path() + ": " + e.problem(), e);
        } catch (IOException e) {
            throw new CodecException("value is not JSON for " + what + ": " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
    }

    static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) {
            throw JsonRead.expected(p, what);
        }
    }

    interface Read {
        Object get() throws IOException;
    }

    static Object in(String segment, Read read) throws IOException {
        try {
            return read.get();
        } catch (BindException e) {
            throw e.in(segment);
        }
    }
}
