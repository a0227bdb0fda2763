package faust.internal;

import faust.Agent;
import faust.AgentFunction;
import faust.AgentOptions;
import faust.App;
import faust.Topic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A declared agent: its name, topics, function and options.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class AgentImpl<K, V> implements Agent<K, V> {
    private final App app;
    private final String name;
    private final List<Topic<K, V>> topics;
    private final AgentFunction<K, V> fn;
    private final int concurrency;
    private final boolean isolated;
    private final AgentOptions.Supervisor supervisor;

    /**
     * @param app the app that declared it
     * @param name agent name
     * @param topic its topic
     * @param fn its function
     * @param concurrency instances per worker
     */
    public AgentImpl(App app, String name, Topic<K, V> topic, AgentFunction<K, V> fn, int concurrency) {
        this(app, name, List.of(topic), fn, new AgentOptions().concurrency(concurrency));
    }

    /**
     * @param app the app that declared it
     * @param name agent name
     * @param topics its topics (at least one)
     * @param fn its function (null for a subclass that overrides {@link #function()})
     * @param options concurrency, isolated partitions, supervisor
     */
    public AgentImpl(App app, String name, List<Topic<K, V>> topics, AgentFunction<K, V> fn, AgentOptions options) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("an agent reads at least one topic");
        }
        this.app = app;
        this.name = name;
        this.topics = List.copyOf(topics);
        this.fn = fn;
        this.concurrency = options.concurrency();
        this.isolated = options.isolatedPartitions();
        this.supervisor = options.supervisor();
    }

    @Override
    public App app() {
        return app;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Topic<K, V> topic() {
        return topics.getFirst();
    }

    @Override
    public List<Topic<K, V>> topics() {
        return topics;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public boolean isolatedPartitions() {
        return isolated;
    }

    /** @return what happens when an instance fails */
    public AgentOptions.Supervisor supervisor() {
        return supervisor;
    }

    /** @return the agent's function */
    public AgentFunction<K, V> function() {
        return fn;
    }

    /**
     * @param topicName a topic's name
     * @return whether the agent reads it (one of its topics, or a match of one of its patterns)
     */
    public boolean reads(String topicName) {
        for (Topic<K, V> t : topics) {
            if (t.pattern() != null ? t.pattern().matcher(topicName).matches() : t.name().equals(topicName)) {
                return true;
            }
        }
        return false;
    }

    /** @return the topics' names (patterns as their regular expression), comma-separated */
    public String topicNames() {
        return topics.stream().map(Topic::name).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "@" + name + " -> " + topicNames();
    }
}
