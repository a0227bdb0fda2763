package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** An enum as the JSON string of its constant's name (Faust writes a Python enum's value). */
final class EnumType extends JsonType {
    private final Map<String, Enum<?>> byName = new HashMap<>();
    private final String names;

    EnumType(Class<?> type) {
        super(type);
        for (Object c : type.getEnumConstants()) {
            byName.put(((Enum<?>) c).name(), (Enum<?>) c);
        }
        names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void write(Object value, JsonOut out) {
        out.string(((Enum<?>) value).name());
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        Enum<?> e = p.currentToken() == JsonToken.VALUE_STRING ? byName.get(p.getText()) : null;
        if (e == null) {
            throw JsonRead.expected(p, "one of " + names);
        }
        return e;
    }

    /**
     * @param key a map key's text
     * @return the constant
     * @throws BindException when there is none of that name
     */
    Object fromKey(String key) {
        Enum<?> e = byName.get(key);
        if (e == null) {
            throw new BindException("expected one of " + names + ", got " + JsonRead.quoted(key));
        }
        return e;
    }
}
