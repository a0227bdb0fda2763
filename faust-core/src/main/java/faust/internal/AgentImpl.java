package faust.internal;

import faust.Agent;
import faust.AgentFunction;
import faust.App;
import faust.Topic;

/**
 * A declared agent: its name, topic, function and options.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class AgentImpl<K, V> implements Agent<K, V> {
    private final App app;
    private final String name;
    private final Topic<K, V> topic;
    private final AgentFunction<K, V> fn;
    private final int concurrency;

    /**
     * @param app the app that declared it
     * @param name agent name
     * @param topic its topic
     * @param fn its function
     * @param concurrency instances per worker
     */
    public AgentImpl(App app, String name, Topic<K, V> topic, AgentFunction<K, V> fn, int concurrency) {
        this.app = app;
        this.name = name;
        this.topic = topic;
        this.fn = fn;
        this.concurrency = concurrency;
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
        return topic;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    /** @return the agent's function */
    public AgentFunction<K, V> function() {
        return fn;
    }

    @Override
    public String toString() {
        return "@" + name + " -> " + topic.name();
    }
}
