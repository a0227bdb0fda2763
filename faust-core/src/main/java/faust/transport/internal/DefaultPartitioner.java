package faust.transport.internal;

import faust.internal.KeyPartitioner;
import org.apache.kafka.common.utils.Utils;

/** Kafka's default partitioner for keyed records (murmur2 of the key bytes); null keys go to partition 0. */
public final class DefaultPartitioner implements KeyPartitioner {
    /** The one instance. */
    public static final DefaultPartitioner INSTANCE = new DefaultPartitioner();

    private DefaultPartitioner() {
    }

    @Override
    public int partition(byte[] keyBytes, int count) {
        if (keyBytes == null) {
            return 0;
        }
        return Utils.toPositive(Utils.murmur2(keyBytes)) % count;
    }
}
