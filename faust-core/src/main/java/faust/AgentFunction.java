package faust;

/**
 * The body of an agent: a loop over its stream. Runs on a virtual thread of its own (one per
 * {@link AgentOptions#concurrency(int) concurrency} instance).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface AgentFunction<K, V> {
    /**
     * Process the stream, usually {@code for (V value : stream) { ... }}.
     *
     * @param stream the agent's events
     * @throws Exception anything; the event being processed goes to the error policy and the agent restarts
     */
    void process(Stream<K, V> stream) throws Exception;
}
