package faust;

/**
 * Where a yielding agent's results go (Python Faust's {@code yield} in an agent). Use it from the agent's own
 * thread, inside its loop.
 *
 * @param <R> type of the results
 */
@FunctionalInterface
public interface Emitter<R> {
    /**
     * Emits one result: when the event being processed is a request ({@code ask}: it carries the headers
     * {@code Faust-Ag-ReplyTo} and {@code Faust-Ag-CorrelationId}) the result is sent back to the asker as
     * Faust's {@code ReqRepResponse}; then it goes to each sink of the agent (topics and agents get it as a
     * value without a key, as in Faust; callbacks are called on this thread). Sends are not awaited here: the
     * worker commits the event's offset only after they were acknowledged by the broker.
     *
     * @param result the result; null is sent as JSON {@code null}
     * @throws faust.codecs.CodecException when a sink's codec or the reply cannot encode it
     */
    void emit(R result);
}
