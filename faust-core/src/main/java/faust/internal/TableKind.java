package faust.internal;

import faust.codecs.Codec;
import java.util.Set;

/**
 * What a table keeps per key, which decides its store layout and its changelog form: a plain value, a value
 * per time window ({@link WindowStoreKeys}), or a set of members changelogged as Faust's set operations.
 */
public sealed interface TableKind {
    /** A plain table: store key = changelog key = the key's bytes; one changelog record per change. */
    Plain PLAIN = new Plain();

    /** A plain table. */
    record Plain() implements TableKind {
    }

    /**
     * A windowed table.
     *
     * @param spec its windows
     */
    record Windowed(WindowSpec spec) implements TableKind {
    }

    /**
     * A set table: the store keeps each key's members as a JSON list; the changelog has Faust's operations
     * {@code [op,key]} (1 add, 2 discard, 15 update).
     *
     * @param member the members' codec (Faust's JSON)
     * @param set the codec of a whole set (a JSON list), the store's values
     * @param <M> member type
     */
    record Sets<M>(Codec<M> member, Codec<Set<M>> set) implements TableKind {
    }
}
