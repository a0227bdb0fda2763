package faust.sensors.internal;

import faust.sensors.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failures the error policy handled (an agent threw, a message could not be decoded): counted by agent and
 * topic, dead letters counted, and the last {@value #KEEP} kept for the dashboard.
 */
public final class ErrorLog {
    static final int KEEP = 50;
    private static final int MAX_TEXT = 300;

    /**
     * One failure.
     *
     * @param time when (epoch milliseconds)
     * @param where {@code agent X} or {@code decoding T as V}
     * @param topic the event's topic, or null (an agent failed outside of an event)
     * @param partition its partition, or -1
     * @param offset its offset, or -1
     * @param error what was thrown
     * @param action what the policy did: {@code dead_letter}, {@code skip} or {@code stop}
     */
    public record Entry(long time, String where, String topic, int partition, long offset, String error,
                        String action) {
    }

    private final MeterRegistry registry;
    private final LongSupplier millis;
    private final Counter deadLetters;
    private final Map<String, Counter> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Counter> undecodable = new ConcurrentHashMap<>();
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private long total;

    ErrorLog(MeterRegistry registry, LongSupplier millis) {
        this.registry = registry;
        this.millis = millis;
        this.deadLetters = Counter.builder(Metrics.DEAD_LETTERS).description("events sent to the dead-letter topic")
                .register(registry);
    }

    /** @param agent an agent whose error counter should exist (at 0) from the start */
    void agent(String agent) {
        agentCounter(agent);
    }

    private Counter agentCounter(String agent) {
        return byAgent.computeIfAbsent(agent, a -> Counter.builder(Metrics.AGENT_ERRORS).tag("agent", a)
                .description("events the agent failed on").register(registry));
    }

    /**
     * Records a failure, before the policy handles it.
     *
     * @param where {@code agent X} or {@code decoding T as V}
     * @param agent the agent that failed, or null for an undecodable message
     * @param topic the event's topic, or null
     * @param partition its partition
     * @param offset its offset
     * @param error what was thrown
     * @param action what the policy does: {@code dead_letter}, {@code skip} or {@code stop}
     */
    public void failed(String where, String agent, String topic, int partition, long offset, Throwable error,
                       String action) {
        if (agent != null) {
            agentCounter(agent).increment();
        } else if (topic != null) {
            undecodable.computeIfAbsent(topic, t -> Counter.builder(Metrics.MESSAGES_UNDECODABLE).tag("topic", t)
                    .description("messages that could not be decoded").register(registry)).increment();
        }
        if (topic != null && action.equals("dead_letter")) {
            deadLetters.increment();
        }
        String text = String.valueOf(error);
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "…";
        }
        Entry e = new Entry(millis.getAsLong(), where, topic, topic == null ? -1 : partition, topic == null ? -1 : offset,
                text, action);
        synchronized (recent) {
            total++;
            recent.addFirst(e);
            if (recent.size() > KEEP) {
                recent.removeLast();
            }
        }
    }

    /** @return the last failures, newest first */
    public List<Entry> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** @return failures so far */
    public long total() {
        synchronized (recent) {
            return total;
        }
    }

    /** @return events sent to the dead-letter topic so far */
    public long deadLetters() {
        return (long) deadLetters.count();
    }

    /**
     * @param agent an agent
     * @return events it failed on so far
     */
    public long errors(String agent) {
        Counter c = byAgent.get(agent);
        return c == null ? 0 : (long) c.count();
    }
}
