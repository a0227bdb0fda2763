package faust.codecs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java record (or a class with a no-argument constructor) as a Faust record: its JSON carries
 * {@code "__faust":{"ns":"<namespace>"}} as the last member, exactly as Python Faust's {@code faust.Record}
 * writes it, so Python and Java workers read each other's values.
 *
 * <pre>{@code
 * @FaustRecord(namespace = "orders.Order")   // Python: class Order(faust.Record) in module orders
 * public record Order(String id, BigDecimal amount, OffsetDateTime placed) { }
 * }</pre>
 *
 * <p>Fields are written in declaration order (a class's superclass fields first), nested records carry their
 * own marker. Reading accepts values with or without the marker and ignores fields it does not know; a record
 * field that is missing reads as null ({@code Optional.empty()} for an {@code Optional}), except a primitive,
 * which is required.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FaustRecord {
    /**
     * @return the namespace written in the marker: Faust's {@code <module>.<Class>} of the Python model;
     *         empty means the Java class's canonical name (for a record {@code Sample} nested in an app file
     *         {@code golden.java}: {@code golden.Sample}, as Python names a class {@code Sample} in
     *         {@code golden.py})
     */
    String namespace() default "";

    /**
     * @return false to leave the marker out (Faust's {@code include_metadata=False}); the namespace still
     *         names the record in {@code faust models}
     */
    boolean includeMetadata() default true;
}
