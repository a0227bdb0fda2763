package faust.codecs;

import java.util.List;

/**
 * What a record looks like on the wire, as {@code faust model} shows it.
 *
 * @param type the Java class
 * @param namespace the Faust namespace, or null when the record is not marked {@link FaustRecord}
 * @param fields its fields in JSON order
 */
public record RecordSchema(Class<?> type, String namespace, List<Field> fields) {
    /**
     * One field.
     *
     * @param name the name in JSON
     * @param type the Java type, with simple names ({@code List<String>}; a Faust record by its namespace)
     * @param required whether it must be present (a primitive); other fields read as null when missing
     */
    public record Field(String name, String type, boolean required) {
    }

    /** @return the namespace, or the simple class name of a record without one */
    public String name() {
        return namespace != null ? namespace : type.getSimpleName();
    }
}
