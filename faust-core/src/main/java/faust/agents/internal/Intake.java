package faust.agents.internal;

import faust.internal.TopicImpl;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one fetched message becomes events: decoded once per distinct topic type reading its topic, counted
 * against every agent that gets it (the last one to release it acks its offset), appended to each agent's
 * outbox; an undecodable message goes to the error policy, and a message nobody got is acked at once.
 * Shared by the worker's fetcher and the testkit's harness, so both decode and ack alike.
 */
public final class Intake {
    /**
     * The agents reading one topic as one type.
     *
     * @param topic the topic (its codecs and types)
     * @param runners indexes of the agents' runners
     */
    public record Route(TopicImpl<?, ?> topic, int[] runners) {
    }

    private final List<AgentRunner<?, ?>> runners;
    private final ErrorPolicy decodePolicy;
    private final List<List<Delivery<?, ?>>> outbox = new ArrayList<>();

    /**
     * @param runners the agents
     * @param decodePolicy what to do with undecodable messages
     */
    public Intake(List<AgentRunner<?, ?>> runners, ErrorPolicy decodePolicy) {
        this.runners = runners;
        this.decodePolicy = decodePolicy;
        runners.forEach(r -> outbox.add(new ArrayList<>()));
    }

    /**
     * @return the routes of every topic the agents read (their own and those their streams declared), by topic
     *     name (agents reading a topic as the same {@link TopicImpl} share one decode)
     */
    public Map<String, List<Route>> routes() {
        Map<String, Map<TopicImpl<?, ?>, List<Integer>>> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < runners.size(); i++) {
            for (TopicImpl<?, ?> t : runners.get(i).topics().all()) {
                byName.computeIfAbsent(t.name(), k -> new IdentityHashMap<>())
                        .computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, List<Route>> out = new java.util.HashMap<>();
        byName.forEach((name, subs) -> out.put(name, subs.entrySet().stream()
                .map(e -> new Route(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()))
                .toList()));
        return out;
    }

    /**
     * Turns one message (already registered as delivered in its tracker) into events in the outboxes.
     *
     * @param tracker its partition's tracker
     * @param offset its offset
     * @param timestamp its timestamp
     * @param key key bytes
     * @param value value bytes
     * @param headers headers, never null
     * @param routes the agents reading its topic
     */
    public void accept(PartitionTracker tracker, long offset, long timestamp, byte[] key, byte[] value,
                       Map<String, byte[]> headers, List<Route> routes) {
        Delivery<?, ?> owner = null;
        int refs = 0;
        for (Route route : routes) {
            Delivery<?, ?> d;
            try {
                d = decode(route.topic(), tracker, offset, timestamp, key, value, headers);
            } catch (RuntimeException e) { // a custom codec may throw anything
                Delivery<Object, Object> carrier = new Delivery<>(tracker, offset, timestamp, null, null, key, value,
                        headers, 0);
                if (!decodePolicy.handleUndecodable("decoding " + route.topic().name() + " as "
                        + route.topic().valueType(), carrier, e)) {
                    refs++; // stop: keep the offset outstanding forever
                }
                continue;
            }
            if (owner == null) {
                owner = d;
            } else {
                d.shareCountWith(owner);
            }
            for (int idx : route.runners()) {
                outbox.get(idx).add(d);
            }
            refs += route.runners().length;
        }
        if (owner != null) {
            owner.setRefs(refs);
        } else if (refs == 0) {
            tracker.ack(offset);
        }
    }

    /** Hands every outbox to its agent's buffer (one lock per agent per batch). */
    public void flush() {
        for (int i = 0; i < outbox.size(); i++) {
            List<Delivery<?, ?>> batch = outbox.get(i);
            if (!batch.isEmpty()) {
                runners.get(i).buffer().putAll(batch);
                batch.clear();
            }
        }
    }

    private static <K, V> Delivery<K, V> decode(TopicImpl<K, V> topic, PartitionTracker tracker, long offset,
                                                long timestamp, byte[] key, byte[] value,
                                                Map<String, byte[]> headers) {
        K k = topic.decodeKey(key);
        V v = topic.decodeValue(value);
        return new Delivery<>(tracker, offset, timestamp, k, v, key, value, headers, 0);
    }
}
