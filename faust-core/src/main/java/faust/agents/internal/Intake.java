package faust.agents.internal;

import faust.Topic;
import faust.internal.TopicImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

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
    private final Map<String, List<Route>> routes = new HashMap<>();

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
     * What the agents read: topic names, and patterns (topics whose whole name matches).
     *
     * @param names topic names
     * @param patterns topic patterns
     */
    public record Subscription(Set<String> names, List<Pattern> patterns) {
        /** @return one pattern matching every name and pattern (for a pattern subscription) */
        public Pattern combined() {
            StringJoiner j = new StringJoiner("|");
            names.forEach(n -> j.add(Pattern.quote(n)));
            patterns.forEach(p -> j.add("(?:" + p.pattern() + ")"));
            return Pattern.compile(j.toString());
        }
    }

    /**
     * @return the topic names and patterns the agents read: their own, and those their streams declared so far
     *     (groupBy, through)
     */
    public Subscription subscription() {
        Set<String> names = new LinkedHashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        for (AgentRunner<?, ?> r : runners) {
            for (Topic<?, ?> t : r.topics().all()) {
                if (t.pattern() == null) {
                    names.add(t.name());
                } else if (patterns.stream().noneMatch(p -> p.pattern().equals(t.pattern().pattern()))) {
                    patterns.add(t.pattern());
                }
            }
        }
        return new Subscription(Set.copyOf(names), List.copyOf(patterns));
    }

    /** Forgets the routes worked out so far: the agents' streams declared topics since (groupBy, through). */
    public void refresh() {
        routes.clear();
    }

    /**
     * The routes of one topic, worked out once per name (agents reading a topic as the same {@link TopicImpl} share
     * one decode). Not thread-safe: one thread feeds an intake (the fetcher's, or the harness under its lock).
     *
     * @param topicName a topic's name
     * @return the agents reading it, or null when none does
     */
    public List<Route> routesFor(String topicName) {
        List<Route> cached = routes.get(topicName);
        if (cached != null || routes.containsKey(topicName)) {
            return cached;
        }
        Map<TopicImpl<?, ?>, List<Integer>> subs = new IdentityHashMap<>();
        for (int i = 0; i < runners.size(); i++) {
            for (Topic<?, ?> t : runners.get(i).topics().all()) {
                boolean reads = t.pattern() == null ? t.name().equals(topicName)
                        : t.pattern().matcher(topicName).matches();
                if (reads) { // the first of the agent's topics that matches decodes it for the agent, once
                    subs.computeIfAbsent((TopicImpl<?, ?>) t, k -> new ArrayList<>()).add(i);
                    break;
                }
            }
        }
        List<Route> out = subs.isEmpty() ? null : subs.entrySet().stream()
                .map(e -> new Route(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()))
                .toList();
        routes.put(topicName, out);
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
                runners.get(i).putAll(batch);
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
