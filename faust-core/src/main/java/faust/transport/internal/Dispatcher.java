package faust.transport.internal;

import faust.agents.internal.AgentRunner;
import faust.agents.internal.ErrorPolicy;
import faust.agents.internal.Intake;
import faust.agents.internal.PartitionTracker;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Hands a poll's records to the agents: registers each partition's offsets in its tracker, turns each
 * record into events through the {@link Intake} (decode once per topic type, count, error policy), and
 * appends them to the agents' buffers, one batch per agent per poll. Used by the fetcher thread only.
 */
final class Dispatcher {
    private final Intake intake;

    Dispatcher(List<AgentRunner<?, ?>> runners, ErrorPolicy decodePolicy) {
        this.intake = new Intake(runners, decodePolicy);
    }

    /** Takes in the topics the agents' streams declared since (groupBy, through). */
    void refresh() {
        intake.refresh();
    }

    /** @return the topics and topic patterns the agents read (with those their streams declared so far) */
    Intake.Subscription subscription() {
        return intake.subscription();
    }

    /**
     * @param records a poll's records
     * @param trackers trackers of the assigned partitions
     * @return the number of records handed out
     */
    int dispatch(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, PartitionTracker> trackers) {
        int count = 0;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> recs = records.records(tp);
            PartitionTracker tracker = trackers.get(tp);
            List<Intake.Route> subs = intake.routesFor(tp.topic());
            if (tracker == null || tracker.revoked() || subs == null) {
                continue;
            }
            long[] offsets = new long[recs.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = recs.get(i).offset();
            }
            tracker.delivered(offsets, offsets.length);
            for (ConsumerRecord<byte[], byte[]> r : recs) {
                intake.accept(tracker, r.offset(), r.timestamp(), r.key(), r.value(), headers(r), subs);
            }
            count += offsets.length;
        }
        intake.flush();
        return count;
    }

    private static Map<String, byte[]> headers(ConsumerRecord<byte[], byte[]> r) {
        Iterator<Header> it = r.headers().iterator();
        if (!it.hasNext()) {
            return Map.of();
        }
        Map<String, byte[]> m = new LinkedHashMap<>();
        while (it.hasNext()) {
            Header h = it.next();
            m.put(h.key(), h.value());
        }
        return m;
    }
}
