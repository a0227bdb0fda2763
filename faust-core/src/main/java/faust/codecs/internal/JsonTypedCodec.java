package faust.codecs.internal;

import com.fasterxml.jackson.core.JsonParser;
import faust.codecs.CodecException;
import faust.codecs.Codec;
import faust.codecs.internal.json.BindException;
import faust.codecs.internal.json.JsonOut;
import faust.codecs.internal.json.JsonRead;
import faust.codecs.internal.json.JsonType;
import faust.codecs.internal.json.JsonTypes;
import faust.codecs.internal.json.Namespaces;
import faust.codecs.internal.json.RecordType;
import faust.codecs.internal.json.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Faust's JSON for one type: the bytes Python's stdlib {@code json.dumps} writes for the same value (or,
 * with {@code ascii} off, orjson's). {@code byte[]} is sent as it is. A value read as {@code Object} or
 * {@code String} that is not JSON (plain text from kcat) is delivered as its UTF-8 text; an {@code Object}
 * value whose {@code "__faust"} namespace names a known record is read as that record.
 *
 * @param <T> the value type
 */
public final class JsonTypedCodec<T> implements Codec<T> {
    private static final int START = 128;

    private final JsonType type;
    private final String root;
    private final boolean ascii;
    private final boolean bytes;
    private final boolean text;
    private final boolean untyped;
    private volatile int sizeHint = START;

    /**
     * @param javaType the value type
     * @param ascii true for Python's stdlib json ({@code ensure_ascii}), false for raw UTF-8 (orjson)
     * @throws CodecException when the type cannot be written as JSON
     */
    public JsonTypedCodec(Type javaType, boolean ascii) {
        Class<?> raw = Types.rawClass(javaType);
        this.ascii = ascii;
        this.bytes = raw == byte[].class;
        this.text = raw == String.class || raw == CharSequence.class;
        this.untyped = raw == Object.class;
        try {
            this.type = JsonTypes.of(javaType);
        } catch (BindException e) {
            throw new CodecException("cannot use " + Types.describe(javaType) + e.path() + " with the json codec: "
                    + e.problem(), e);
        }
        this.root = type instanceof RecordType r ? r.recordClass().getSimpleName() : Types.describe(javaType);
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] b) {
            return b; // bytes are never re-encoded (as in Faust)
        }
        if (text && value instanceof String s) {
            byte[] plain = plainString(s);
            if (plain != null) {
                return plain; // table keys: one allocation for the common case
            }
        }
        JsonOut out = new JsonOut(ascii, sizeHint);
        try {
            type.write(value, out);
        } catch (BindException e) {
            throw new CodecException("cannot encode " + root + e.path() + " as JSON: " + e.problem(), e);
        } catch (ClassCastException e) {
            throw new CodecException("cannot encode " + value.getClass().getSimpleName() + " with the json codec of "
                    + root, e);
        }
        byte[] b = out.toBytes();
        if (b.length > sizeHint) {
            sizeHint = Math.min(b.length + 16, 1 << 16);
        }
        return b;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T decode(byte[] data) {
        if (data == null) {
            return null;
        }
        if (bytes) {
            return (T) data;
        }
        Object v;
        try {
            v = read(type, data);
        } catch (BindException e) {
            if (text) {
                return (T) Utf8.decode(data, "json");
            }
            throw new CodecException(root + e.path() + ": " + e.problem(), e);
        } catch (IOException e) {
            if (text) {
                return (T) Utf8.decode(data, "json");
            }
            if (untyped) { // plain text (from kcat, say); bytes that are not even UTF-8 as they are
                String s = Utf8.decodeOrNull(data);
                return (T) (s != null ? s : data);
            }
            throw new CodecException("value is not JSON for " + root + ": " + firstLine(e.getMessage()), e);
        }
        if (untyped && v instanceof Map<?, ?> m && m.get("__faust") instanceof Map<?, ?> marker
                && marker.get("ns") instanceof String ns) {
            Class<?> record = Namespaces.lookup(ns);
            if (record != null) {
                try {
                    return (T) read(JsonTypes.of(record), data);
                } catch (BindException e) {
                    throw new CodecException(record.getSimpleName() + e.path() + ": " + e.problem(), e);
                } catch (IOException e) {
                    throw new CodecException("value is not JSON: " + firstLine(e.getMessage()), e);
                }
            }
        }
        return (T) v;
    }

    /** @return {@code "s"} when s is printable ASCII with nothing to escape, else null */
    private static byte[] plainString(String s) {
        int n = s.length();
        if (n > 256) {
            return null;
        }
        byte[] out = new byte[n + 2];
        out[0] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return null;
            }
            out[i + 1] = (byte) c;
        }
        out[n + 1] = '"';
        return out;
    }

    private static Object read(JsonType type, byte[] data) throws IOException {
        try (JsonParser p = JsonRead.FACTORY.createParser(data)) {
            if (p.nextToken() == null) {
                throw new IOException("no content");
            }
            Object v = JsonRead.value(type, p);
            if (p.nextToken() != null) {
                throw new IOException("more data after the JSON value");
            }
            return v;
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public String toString() {
        return "json(" + root + ")";
    }

    /** @return the JSON type, for tools that describe records */
    public JsonType jsonType() {
        return type;
    }
}
