package faust.transport.internal;

/** What the fetcher tells the tables about partition numbers (table partition = source partition). */
public interface PartitionHooks {
    /**
     * Partition {@code p} was assigned: recover it, then call {@link Fetcher#recovered(int)}. Until then
     * the fetcher keeps its source partitions paused.
     *
     * @param p partition number
     */
    void assigned(int p);

    /**
     * Partition {@code p} was revoked, after its in-flight events finished and its offsets were committed.
     *
     * @param p partition number
     */
    void revoked(int p);

    /** A commit is about to flush the producer: write cached table changes to stores and changelogs. */
    void beforeFlush();

    /**
     * The producer was just flushed: every table change made so far is in its changelog (exactly-once: the
     * transaction holding them was committed; the changes may be applied to the stores now).
     */
    void afterFlush();

    /** Exactly-once: the transaction was aborted; table changes not committed are thrown away. */
    default void aborted() {
    }
}
