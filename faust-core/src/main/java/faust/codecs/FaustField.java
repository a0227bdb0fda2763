package faust.codecs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a record component (or field) of a JSON-encoded record another name on the wire, typically the
 * Python field's {@code snake_case} name: {@code @FaustField("correlation_id") String correlationId}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface FaustField {
    /** @return the field's name in JSON */
    String value();
}
