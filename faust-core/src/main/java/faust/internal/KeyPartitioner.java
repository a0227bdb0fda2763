package faust.internal;

/** Which partition a key belongs to (the Kafka transport's default partitioner: murmur2 of the key bytes). */
@FunctionalInterface
public interface KeyPartitioner {
    /**
     * @param keyBytes the encoded key, or null
     * @param count partitions of the topic or table
     * @return the partition
     */
    int partition(byte[] keyBytes, int count);
}
