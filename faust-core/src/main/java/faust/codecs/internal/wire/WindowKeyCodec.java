package faust.codecs.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import faust.codecs.TypeRef;
import faust.codecs.internal.json.JsonOut;
import faust.codecs.internal.json.JsonRead;
import faust.codecs.internal.json.JsonType;
import faust.codecs.internal.json.JsonTypes;
import java.io.IOException;

/**
 * Faust's windowed changelog key: {@code ["home",[1796177880.0,1796177889.9]]} (floats as Python's repr).
 *
 * @param <K> the table key type
 */
public final class WindowKeyCodec<K> extends WireCodec<WindowKey<K>> {
    private static final JsonType SECONDS = JsonTypes.of(double.class);
    private final JsonType key;

    /** @param keyType the table key type */
    public WindowKeyCodec(TypeRef<K> keyType) {
        super("WindowKey<" + keyType + ">");
        this.key = JsonTypes.of(keyType.type());
    }

    @Override
    void write(WindowKey<K> w, JsonOut out) {
        out.raw('[');
        key.writeNullable(w.key(), out);
        out.raw(',');
        out.raw('[');
        out.number(w.start());
        out.raw(',');
        out.number(w.end());
        out.raw(']');
        out.raw(']');
    }

    @Override
    @SuppressWarnings("unchecked")
    WindowKey<K> read(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, "a list [key, [start, end]]");
        p.nextToken();
        K k = (K) in(".key", () -> JsonRead.value(key, p));
        p.nextToken();
        expect(p, JsonToken.START_ARRAY, "a window [start, end]");
        p.nextToken();
        double start = (Double) in(".start", () -> SECONDS.read(p));
        p.nextToken();
        double end = (Double) in(".end", () -> SECONDS.read(p));
        p.nextToken();
        expect(p, JsonToken.END_ARRAY, "the end of the window");
        p.nextToken();
        expect(p, JsonToken.END_ARRAY, "the end of the key");
        return new WindowKey<>(k, start, end);
    }
}
