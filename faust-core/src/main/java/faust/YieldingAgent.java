package faust;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An agent whose body emits results ({@link YieldingFunction}): they go to its sinks and, for a request, back
 * to the asker. Asking works as in Python Faust and with Python Faust: the request is the value as it is, sent
 * to the agent's topic with the headers {@code Faust-Ag-ReplyTo} (this process's reply topic,
 * {@code f-reply-<uuid4>}) and {@code Faust-Ag-CorrelationId}; the reply is Faust's {@code ReqRepResponse} on the
 * reply topic, read by one reply consumer per worker (or per app outside a worker, started on the first ask).
 * Every wait is bounded by {@code ask_timeout} (30 s) or the timeout given: a worker that dies with a request
 * makes the ask fail with an {@link AskTimeoutException}, never hang.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> type of the results (replies are decoded as this type)
 */
public interface YieldingAgent<K, V, R> extends Agent<K, V> {
    /** @return the type replies are decoded as */
    Class<R> replyType();

    /**
     * Adds a sink: every emitted result is sent to this topic (as a value without a key).
     *
     * @param topic the topic
     * @return this
     */
    YieldingAgent<K, V, R> sink(Topic<?, ? super R> topic);

    /**
     * Adds a sink: every emitted result is sent to this agent (as a value without a key).
     *
     * @param agent the agent
     * @return this
     */
    YieldingAgent<K, V, R> sink(Agent<?, ? super R> agent);

    /**
     * Adds a sink: every emitted result is passed to this callback, on the agent's thread.
     *
     * @param callback the callback
     * @return this
     */
    YieldingAgent<K, V, R> sink(Consumer<? super R> callback);

    /**
     * Asks the agent and waits for its reply (Faust's {@code await agent.ask(value)}); cheap on a virtual
     * thread, e.g. inside another agent.
     *
     * @param value the request
     * @return the first result the agent emitted for it
     * @throws AskTimeoutException when no reply came within {@code ask_timeout}
     * @throws FaustException when the request could not be sent, or the thread was interrupted
     */
    default R ask(V value) {
        return ask(null, value);
    }

    /**
     * Asks with a key (it picks the partition, hence the worker that answers) and waits for the reply.
     *
     * @param key the key, or null
     * @param value the request
     * @return the first result the agent emitted for it
     * @throws AskTimeoutException when no reply came within {@code ask_timeout}
     * @throws FaustException when the request could not be sent, or the thread was interrupted
     */
    R ask(K key, V value);

    /**
     * Asks with a key and waits at most {@code timeout} for the reply.
     *
     * @param key the key, or null
     * @param value the request
     * @param timeout how long to wait
     * @return the first result the agent emitted for it
     * @throws AskTimeoutException when no reply came in time
     * @throws FaustException when the request could not be sent, or the thread was interrupted
     */
    R ask(K key, V value, Duration timeout);

    /**
     * Sends a request and returns at once (Faust's {@code ask_nowait}).
     *
     * @param value the request
     * @return the future reply; it fails with {@link AskTimeoutException} after {@code ask_timeout}
     */
    default CompletableFuture<R> askNowait(V value) {
        return askNowait(null, value);
    }

    /**
     * Sends a keyed request and returns at once.
     *
     * @param key the key, or null
     * @param value the request
     * @return the future reply; it fails with {@link AskTimeoutException} after {@code ask_timeout}
     */
    CompletableFuture<R> askNowait(K key, V value);

    /**
     * Sends a request with a timeout of its own and returns at once.
     *
     * @param key the key, or null
     * @param value the request
     * @param timeout how long the reply may take
     * @return the future reply; it fails with {@link AskTimeoutException} after {@code timeout}
     */
    CompletableFuture<R> askNowait(K key, V value, Duration timeout);

    /**
     * Asks once per value (all requests are sent first) and gives the replies in the order of the values;
     * iterating waits for each, bounded by {@code ask_timeout} from when it was sent. (Python Faust's
     * {@code map} yields them in arrival order.)
     *
     * @param values the requests
     * @return the replies, in the order of {@code values}
     */
    Iterable<R> map(Iterable<? extends V> values);

    /**
     * As {@link #map}, with a key per request.
     *
     * @param items keys and requests
     * @return the replies, in the order of {@code items}
     */
    Iterable<R> kvmap(Iterable<KeyValue<K, V>> items);

    /**
     * Asks once per value and waits for every reply.
     *
     * @param values the requests
     * @return the replies, in the order of {@code values}
     * @throws AskTimeoutException when a reply did not come within {@code ask_timeout}
     */
    List<R> join(Iterable<? extends V> values);

    /**
     * As {@link #join}, with a key per request.
     *
     * @param items keys and requests
     * @return the replies, in the order of {@code items}
     * @throws AskTimeoutException when a reply did not come within {@code ask_timeout}
     */
    List<R> kvjoin(Iterable<KeyValue<K, V>> items);
}
