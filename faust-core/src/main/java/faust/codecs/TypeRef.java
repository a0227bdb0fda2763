package faust.codecs;

import faust.codecs.internal.json.Types;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Java type, generic arguments included, for codecs of values a {@code Class} cannot describe:
 * {@code new TypeRef<List<Order>>() { }} or {@code TypeRef.listOf(Order.class)}.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {
    private final Type type;

    /** Captures the type argument of an anonymous subclass: {@code new TypeRef<Map<String, Long>>() { }}. */
    protected TypeRef() {
        Type sup = getClass().getGenericSuperclass();
        if (!(sup instanceof ParameterizedType p)) {
            throw new CodecException("new TypeRef<...>() { } needs a type argument, e.g. new TypeRef<List<Order>>() { }");
        }
        this.type = Types.canonical(p.getActualTypeArguments()[0]);
    }

    private TypeRef(Type type) {
        this.type = Types.canonical(type);
    }

    /**
     * @param type a class
     * @param <T> the type
     * @return its type reference
     */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>(type) { };
    }

    /**
     * @param type any reflected type (a class, a parameterized type, ...)
     * @return its type reference
     */
    public static TypeRef<?> of(Type type) {
        return new TypeRef<Object>(type) { };
    }

    /**
     * @param element element type
     * @param <E> element type
     * @return {@code List<E>}
     */
    public static <E> TypeRef<List<E>> listOf(Class<E> element) {
        return new TypeRef<>(Types.parameterized(List.class, element)) { };
    }

    /**
     * @param element element type
     * @param <E> element type
     * @return {@code Set<E>}
     */
    public static <E> TypeRef<Set<E>> setOf(Class<E> element) {
        return new TypeRef<>(Types.parameterized(Set.class, element)) { };
    }

    /**
     * @param key key type
     * @param value value type
     * @param <K> key type
     * @param <V> value type
     * @return {@code Map<K, V>}
     */
    public static <K, V> TypeRef<Map<K, V>> mapOf(Class<K> key, Class<V> value) {
        return new TypeRef<>(Types.parameterized(Map.class, key, value)) { };
    }

    /** @return the reflected type */
    public Type type() {
        return type;
    }

    /** @return the class of the type (its raw class for a parameterized type) */
    @SuppressWarnings("unchecked")
    public Class<T> rawType() {
        return (Class<T>) Types.rawClass(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeRef<?> t && t.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    /** @return the type as Java source would write it, with simple class names */
    @Override
    public String toString() {
        return Types.describe(type);
    }
}
