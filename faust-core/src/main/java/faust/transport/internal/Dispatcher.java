package faust.transport.internal;

import faust.agents.internal.AgentRunner;
import faust.agents.internal.Delivery;
import faust.agents.internal.ErrorPolicy;
import faust.internal.TopicImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Hands fetched records to the agents: decodes each record once per distinct topic type, counts the agents
 * that get it, and appends it to their buffers, one batch per agent per poll. Undecodable records go to
 * the error policy. Used by the fetcher thread only.
 */
final class Dispatcher {
    private record Sub(TopicImpl<?, ?> topic, int[] runners) {
    }

    private final List<AgentRunner<?, ?>> runners;
    private final ErrorPolicy decodePolicy;
    private final Map<String, List<Sub>> subscriptions = new HashMap<>();
    private final List<List<Delivery<?, ?>>> outbox = new ArrayList<>();

    Dispatcher(List<AgentRunner<?, ?>> runners, ErrorPolicy decodePolicy) {
        this.runners = runners;
        this.decodePolicy = decodePolicy;
        Map<String, Map<TopicImpl<?, ?>, List<Integer>>> byName = new LinkedHashMap<>();
        for (int i = 0; i < runners.size(); i++) {
            TopicImpl<?, ?> t = (TopicImpl<?, ?>) runners.get(i).agent().topic();
            byName.computeIfAbsent(t.name(), k -> new IdentityHashMap<>())
                    .computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            outbox.add(new ArrayList<>());
        }
        byName.forEach((name, subs) -> subscriptions.put(name, subs.entrySet().stream()
                .map(e -> new Sub(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()))
                .toList()));
    }

    /** @return the topics the agents read */
    Set<String> topics() {
        return subscriptions.keySet();
    }

    /**
     * Registers each partition's offsets in its tracker and hands the records to the agents' buffers.
     *
     * @param records a poll's records
     * @param trackers trackers of the assigned partitions
     * @return the number of records handed out
     */
    int dispatch(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, PartitionTracker> trackers) {
        int count = 0;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> recs = records.records(tp);
            PartitionTracker tracker = trackers.get(tp);
            List<Sub> subs = subscriptions.get(tp.topic());
            if (tracker == null || tracker.revoked() || subs == null) {
                continue;
            }
            long[] offsets = new long[recs.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = recs.get(i).offset();
            }
            tracker.delivered(offsets, offsets.length);
            for (ConsumerRecord<byte[], byte[]> r : recs) {
                dispatchOne(tracker, r, subs);
            }
            count += offsets.length;
        }
        for (int i = 0; i < outbox.size(); i++) {
            List<Delivery<?, ?>> batch = outbox.get(i);
            if (!batch.isEmpty()) {
                runners.get(i).buffer().putAll(batch);
                batch.clear();
            }
        }
        return count;
    }

    private void dispatchOne(PartitionTracker tracker, ConsumerRecord<byte[], byte[]> r, List<Sub> subs) {
        Map<String, byte[]> headers = headers(r);
        Delivery<?, ?> owner = null;
        int refs = 0;
        for (Sub sub : subs) {
            Delivery<?, ?> d;
            try {
                d = decode(sub.topic(), tracker, r, headers);
            } catch (RuntimeException e) { // a custom codec may throw anything
                Delivery<Object, Object> carrier = new Delivery<>(tracker, r.offset(), r.timestamp(), null, null,
                        r.key(), r.value(), headers, 0);
                if (!decodePolicy.handle("decoding " + sub.topic().name() + " as "
                        + sub.topic().valueType().getSimpleName(), carrier, r.key(), r.value(), e)) {
                    refs++; // stop: keep the offset outstanding forever
                }
                continue;
            }
            if (owner == null) {
                owner = d;
            } else {
                d.shareCountWith(owner);
            }
            for (int idx : sub.runners()) {
                outbox.get(idx).add(d);
            }
            refs += sub.runners().length;
        }
        if (owner != null) {
            owner.setRefs(refs);
        } else if (refs == 0) {
            tracker.ack(r.offset());
        }
    }

    private static <K, V> Delivery<K, V> decode(TopicImpl<K, V> topic, PartitionTracker tracker,
                                                ConsumerRecord<byte[], byte[]> r, Map<String, byte[]> headers) {
        K key = topic.decodeKey(r.key());
        V value = topic.decodeValue(r.value());
        return new Delivery<>(tracker, r.offset(), r.timestamp(), key, value, r.key(), r.value(), headers, 0);
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
