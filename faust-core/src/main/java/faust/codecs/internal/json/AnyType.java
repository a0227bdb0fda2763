package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Object} (and {@code Number}): written by the value's own class; read as plain Java values —
 * {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean}, null,
 * {@code LinkedHashMap} for objects (a record marker stays a {@code "__faust"} entry), {@code ArrayList}
 * for lists — so that writing them again gives the bytes read.
 */
final class AnyType extends JsonType {
    static final AnyType OBJECT = new AnyType(Object.class);
    static final AnyType NUMBER = new AnyType(Number.class);

    private AnyType(Class<?> type) {
        super(type);
    }

    @Override
    public void write(Object value, JsonOut out) {
        JsonTypes.of(value.getClass()).write(value, out);
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (this == NUMBER && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw JsonRead.expected(p, "a number");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    try {
                        m.put(name, read(p));
                    } catch (BindException e) {
                        throw e.in("[" + JsonRead.quoted(name) + "]");
                    }
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw JsonRead.expected(p, "a JSON value");
        };
    }
}
