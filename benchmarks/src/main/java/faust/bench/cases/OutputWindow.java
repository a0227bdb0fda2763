package faust.bench.cases;

import faust.bench.BenchKafka;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The window every throughput case is timed by, read from the outside: from the first to the last record
 * written to its output topic (the pass-through output, or a count's changelog), as the broker stamped
 * them. The harness creates those topics with {@code message.timestamp.type=LogAppendTime}, so every record
 * carries the broker's wall clock at append time whatever its producer set; the earliest is found with
 * ListOffsets(timestamp 0) and the latest with ListOffsets(max timestamp). Nothing runs inside the system
 * under test, so a worker started by {@code bin/faust} is timed exactly like a loop in the case JVM.
 *
 * @param firstMs append time of the first output record (broker wall clock, ms)
 * @param lastMs append time of the last output record
 */
record OutputWindow(long firstMs, long lastMs) {

    /** @return the window in milliseconds (at least 1) */
    long millis() {
        return Math.max(1, lastMs - firstMs);
    }

    /**
     * Creates a topic whose records are stamped with the broker's append time.
     *
     * @param admin admin client
     * @param name topic
     * @param partitions partitions
     * @param compacted whether it is a changelog (cleanup.policy=compact, as Faust and Kafka Streams want it)
     * @throws Exception when the broker refused
     */
    static void createStamped(Admin admin, String name, int partitions, boolean compacted) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        if (compacted) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        BenchKafka.createTopic(admin, new NewTopic(name, partitions, (short) 1).configs(config));
    }

    /**
     * @param admin admin client
     * @param topic a topic created by {@link #createStamped}
     * @return the window, or null when the topic holds no record
     * @throws Exception when the broker did not answer
     */
    static OutputWindow of(Admin admin, String topic) throws Exception {
        int n = BenchKafka.partitionsOf(admin, topic);
        if (n <= 0) {
            return null;
        }
        Map<TopicPartition, OffsetSpec> first = new HashMap<>();
        Map<TopicPartition, OffsetSpec> last = new HashMap<>();
        for (int p = 0; p < n; p++) {
            first.put(new TopicPartition(topic, p), OffsetSpec.forTimestamp(0));
            last.put(new TopicPartition(topic, p), OffsetSpec.maxTimestamp());
        }
        Map<TopicPartition, ListOffsetsResultInfo> a = admin.listOffsets(first).all().get(60, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> b = admin.listOffsets(last).all().get(60, TimeUnit.SECONDS);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (ListOffsetsResultInfo i : a.values()) {
            if (i.offset() >= 0 && i.timestamp() >= 0) {
                lo = Math.min(lo, i.timestamp());
            }
        }
        for (ListOffsetsResultInfo i : b.values()) {
            if (i.offset() >= 0 && i.timestamp() >= 0) {
                hi = Math.max(hi, i.timestamp());
            }
        }
        return lo == Long.MAX_VALUE || hi == Long.MIN_VALUE ? null : new OutputWindow(lo, hi);
    }
}
