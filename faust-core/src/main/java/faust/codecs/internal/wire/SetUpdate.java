package faust.codecs.internal.wire;

import java.util.List;

/**
 * The value of a SetTable {@link SetOp#UPDATE} changelog record: {@code [["green"],[]]}.
 *
 * @param added members added
 * @param removed members removed
 * @param <V> the member type
 */
public record SetUpdate<V>(List<V> added, List<V> removed) {
}
