package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * {@code byte[]} inside a JSON value: Python's {@code str(bytes)} ({@code "b'q1'"}), as Faust writes bytes.
 * A key or value that is itself {@code byte[]} never gets here: it is sent as it is.
 */
final class BytesType extends JsonType {
    BytesType() {
        super(byte[].class);
    }

    @Override
    public void write(Object value, JsonOut out) {
        out.string(PyBytes.repr((byte[]) value));
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw JsonRead.expected(p, "bytes as a string (b'...')");
        }
        return PyBytes.parse(p.getText());
    }
}
