package faust.bench.cases;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when a run is done the same way for every case: the group's committed offsets reached the
 * input's end offsets on every partition. Polls the broker every {@value #PAUSE_MS} ms, so the end of a
 * window is seen at most that late (plus one round trip).
 */
public final class Completion {
    static final long PAUSE_MS = 20;

    private final Admin admin;
    private final String group;
    private final Map<TopicPartition, Long> end;

    /**
     * @param admin admin client
     * @param group the consumer group (Kafka Streams: the application id; Faust: the app id)
     * @param end end offsets of the input
     */
    public Completion(Admin admin, String group, Map<TopicPartition, Long> end) {
        this.admin = admin;
        this.group = group;
        this.end = end;
    }

    /**
     * @param timeout how long to wait
     * @param failed checked between polls; a non-null message ends the wait with an exception
     * @return {@link System#nanoTime()} when the commits were first seen complete
     * @throws Exception on timeout, failure or interruption
     */
    public long await(Duration timeout, java.util.function.Supplier<String> failed) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastBehind = -1;
        while (true) {
            long behind = behind();
            long now = System.nanoTime();
            if (behind == 0) {
                return now;
            }
            lastBehind = behind;
            String f = failed.get();
            if (f != null) {
                throw new IllegalStateException(f);
            }
            if (now > deadline) {
                throw new TimeoutException("group " + group + " still " + lastBehind + " records behind after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(PAUSE_MS);
        }
    }

    /**
     * @return records not yet committed by the group
     * @throws Exception when the broker did not answer
     */
    public long behind() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata om = committed.get(e.getKey());
            long c = om == null ? 0 : om.offset();
            behind += Math.max(0, e.getValue() - c);
        }
        return behind;
    }
}
