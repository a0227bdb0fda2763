package faust.internal;

/**
 * What a table keeps per key, which decides its store layout and its changelog form: a plain value, a value
 * per time window ({@link WindowStoreKeys}), or a set of members.
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
     * A set table: the store keeps each key's members as a JSON list; the changelog has Faust's set operations
     * {@code [op,key]} (1 add, 2 discard, 15 update).
     *
     * @param member the members' type (Faust's JSON)
     * @param <M> member type
     */
    record Sets<M>(faust.codecs.TypeRef<M> member) implements TableKind {
    }
}
