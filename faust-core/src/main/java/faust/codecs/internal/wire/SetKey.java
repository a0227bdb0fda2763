package faust.codecs.internal.wire;

/**
 * A SetTable changelog key: {@code [1,"alice"]}.
 *
 * @param op the operation
 * @param key the table key
 * @param <K> the table key type
 */
public record SetKey<K>(SetOp op, K key) {
}
