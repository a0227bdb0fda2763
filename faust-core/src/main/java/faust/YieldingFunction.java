package faust;

/**
 * The body of a yielding agent: a loop over its stream that emits results. Java has no {@code yield}, so the
 * results go to an {@link Emitter}: each emitted value answers the request being processed (when the event is
 * an {@link YieldingAgent#ask ask}) and is sent to every sink of the agent.
 *
 * <pre>{@code
 * YieldingAgent<byte[], Integer, Integer> adder = app.agent("adder", Integer.class, Integer.class,
 *         (stream, out) -> {
 *             for (Integer v : stream) {
 *                 out.emit(v + 1);
 *             }
 *         }, o -> { });
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> type of the results
 */
@FunctionalInterface
public interface YieldingFunction<K, V, R> {
    /**
     * Process the stream, emitting results.
     *
     * @param stream the agent's events
     * @param out where results go
     * @throws Exception anything; the event being processed goes to the error policy, then the supervisor
     *     decides (restart the instance, or stop the worker)
     */
    void process(Stream<K, V> stream, Emitter<R> out) throws Exception;
}
