package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Optional;

/** {@code Optional<T>}: the value, or null when empty (Python's {@code Optional[T]} / None). */
final class OptionalType extends JsonType {
    private JsonType element;

    OptionalType(Type type) {
        super(type);
    }

    void element(JsonType element) {
        this.element = element;
    }

    @Override
    public java.util.List<JsonType> children() {
        return java.util.List.of(element);
    }

    @Override
    public void write(Object value, JsonOut out) {
        Optional<?> o = (Optional<?>) value;
        if (o.isEmpty()) {
            out.nul();
        } else {
            element.write(o.get(), out);
        }
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        return Optional.of(element.read(p));
    }

    @Override
    public Object nullValue() {
        return Optional.empty();
    }
}
