package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * How one Java type is written as Faust's JSON and read back. Built once per type by {@link JsonTypes} and
 * shared by every codec; thread-safe.
 */
public abstract class JsonType {
    private final Type type;

    /** @param type the Java type */
    protected JsonType(Type type) {
        this.type = type;
    }

    /** @return the Java type */
    public Type type() {
        return type;
    }

    /**
     * Writes a value that is not null.
     *
     * @param value the value, of this type
     * @param out where to write
     */
    public abstract void write(Object value, JsonOut out);

    /**
     * Reads a value that is not JSON null; the parser is on its first token and is left on its last.
     *
     * @param p the parser
     * @return the value
     * @throws IOException from the parser
     * @throws BindException when the JSON does not fit the type
     */
    public abstract Object read(JsonParser p) throws IOException;

    /**
     * @return the value for JSON null
     * @throws BindException when the type takes no null (primitives)
     */
    public Object nullValue() {
        return null;
    }

    /**
     * @return the value of a record field missing from the JSON
     * @throws BindException when the field is required
     */
    public Object missingValue() {
        return nullValue();
    }

    /** @return whether a record field of this type must be present */
    public boolean required() {
        return false;
    }

    /**
     * Writes a value or null.
     *
     * @param value the value, or null
     * @param out where to write
     */
    public final void writeNullable(Object value, JsonOut out) {
        if (value == null) {
            out.nul();
        } else {
            write(value, out);
        }
    }

    /** @return the type as {@code faust model} shows it */
    public String describe() {
        return Types.describe(type);
    }

    /** @return the types of the values this one contains (elements, fields), for tools walking a type */
    public java.util.List<JsonType> children() {
        return java.util.List.of();
    }
}
