package faust.internal;

/**
 * What a table keeps per key, which decides its store layout and its changelog form: a plain value, or a value
 * per time window ({@link WindowStoreKeys}).
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
}
