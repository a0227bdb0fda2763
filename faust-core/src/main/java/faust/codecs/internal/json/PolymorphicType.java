package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sealed interface (or abstract class) of Faust records, or any other interface or abstract class whose
 * records are registered: written as the value's own record, read by the namespace in its {@code "__faust"}
 * marker. The marker comes last in the JSON, so the object is buffered (Jackson's TokenBuffer) before it
 * is bound.
 */
final class PolymorphicType extends JsonType {
    private final Class<?> base;
    private final Map<String, RecordType> sealed; // null: look the namespace up among registered records

    PolymorphicType(Class<?> base, Map<String, RecordType> sealed) {
        super(base);
        this.base = base;
        this.sealed = sealed;
    }

    @Override
    public java.util.List<JsonType> children() {
        return sealed == null ? java.util.List.of() : java.util.List.copyOf(sealed.values());
    }

    @Override
    public void write(Object value, JsonOut out) {
        JsonTypes.of(value.getClass()).write(value, out);
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonRead.expected(p, "an object (" + base.getSimpleName() + ")");
        }
        TokenBuffer buffer = new TokenBuffer(p);
        buffer.copyCurrentStructure(p);
        String ns = namespace(buffer);
        JsonType type = pick(ns);
        try (JsonParser replay = buffer.asParser()) {
            replay.nextToken();
            return type.read(replay);
        }
    }

    private static String namespace(TokenBuffer buffer) throws IOException {
        try (JsonParser q = buffer.asParser()) {
            q.nextToken();
            while (q.nextToken() == JsonToken.FIELD_NAME) {
                String name = q.currentName();
                JsonToken t = q.nextToken();
                if ("__faust".equals(name) && t == JsonToken.START_OBJECT) {
                    while (q.nextToken() == JsonToken.FIELD_NAME) {
                        String key = q.currentName();
                        JsonToken v = q.nextToken();
                        if ("ns".equals(key) && v == JsonToken.VALUE_STRING) {
                            return q.getText();
                        }
                        q.skipChildren();
                    }
                } else {
                    q.skipChildren();
                }
            }
        }
        return null;
    }

    private JsonType pick(String ns) {
        Map<String, ?> known = sealed != null ? sealed : Namespaces.assignableTo(base);
        if (ns == null) {
            if (known.size() == 1) {
                return type(known.values().iterator().next());
            }
            throw new BindException("no \"__faust\" namespace to tell which " + base.getSimpleName()
                    + " this is: expected one of " + new TreeMap<>(known).keySet());
        }
        Object t = known.get(ns);
        if (t == null) {
            throw new BindException("namespace " + JsonRead.quoted(ns) + " is not a " + base.getSimpleName()
                    + (known.isEmpty() ? " (no record of that type is registered: Records.register(...))"
                    : ": expected one of " + new TreeMap<>(known).keySet()));
        }
        return type(t);
    }

    private static JsonType type(Object t) {
        return t instanceof JsonType j ? j : JsonTypes.of((Class<?>) t);
    }
}
