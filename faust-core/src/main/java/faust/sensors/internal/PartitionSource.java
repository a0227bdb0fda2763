package faust.sensors.internal;

/**
 * What the sensors read from one assigned partition (its ack bookkeeping). Offsets are -1 while unknown.
 * Called from the sensors' threads: implementations are thread-safe.
 */
public interface PartitionSource {
    /** @return the topic */
    String topic();

    /** @return the partition */
    int partition();

    /** @return messages fetched and handed to the agents since it was assigned */
    long received();

    /** @return messages acked since it was assigned */
    long acked();

    /** @return messages handed out and not acked yet */
    int outstanding();

    /** @return the next offset the consumer reads, or -1 */
    long readOffset();

    /** @return the group's committed offset (next offset to process), or -1 */
    long committedOffset();

    /** @return the high-water mark the consumer last saw, or -1 */
    long endOffset();

    /** @return high-water mark − committed offset, or -1 while either is unknown */
    default long lag() {
        long end = endOffset();
        long committed = committedOffset();
        return end < 0 || committed < 0 ? -1 : Math.max(0, end - committed);
    }
}
