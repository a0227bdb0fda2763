package faust;

/**
 * A value with its position, as yielded by {@link Stream#enumerate()}.
 *
 * @param index 0 for the first value the loop got, then 1, 2, ...
 * @param value the value
 * @param <V> value type
 */
public record Indexed<V>(long index, V value) {
}
