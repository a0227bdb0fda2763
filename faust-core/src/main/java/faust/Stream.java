package faust;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The events an agent processes, consumed with a plain {@code for} loop on the agent's own virtual
 * thread. Iterating blocks until the next event arrives; the loop ends when the worker stops.
 *
 * <p>An event is acknowledged when the loop moves past it (asks for the next one), so its offset is
 * committed only after the loop body finished with it. Iterating the stream itself yields values;
 * {@link #events()} yields whole {@link Event}s and {@link #items()} key/value pairs — all three share
 * one position.
 *
 * <p><b>Operators</b> return a new stream over the same events and are lazy: nothing happens until the
 * loop iterates the stream they return (iterate one stream per agent instance: the last one built).
 * They compose in any order and keep the delivery rules:
 * <pre>{@code
 * for (String word : stream.flatMap(s -> List.of(s.split(" ")), String.class)
 *                          .filter(w -> !w.isBlank())
 *                          .groupBy(w -> w, "word")) {
 *     counts.update(word, n -> n + 1);
 * }
 * }</pre>
 * <ul>
 *   <li>{@link #filter}, {@link #map}, {@link #flatMap}, {@link #enumerate}: in memory, on the agent's thread;
 *       an event none of whose values reach the loop (filtered out) is acknowledged at once;</li>
 *   <li>{@link #groupBy} and {@link #through}: each event is sent to another topic (re-keyed, for
 *       {@code groupBy}) and the loop gets the events read back from that topic — on whichever worker holds
 *       their new partition. The original event is acknowledged once the broker acknowledged what was
 *       sent for it; the worker subscribes to the topic when the agent builds the stream;</li>
 *   <li>{@link #echo}: also sends every value to other topics;</li>
 *   <li>{@link #take}: batches, e.g. for bulk writes to a database;</li>
 *   <li>{@link #noack}: the loop acknowledges events itself ({@link #ack}, {@link Event#ack()}).</li>
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Stream<K, V> extends Iterable<V> {
    /** @return the events with their key, value, topic, partition and offset */
    Iterable<Event<K, V>> events();

    /** @return key/value pairs */
    Iterable<KeyValue<K, V>> items();

    /**
     * @return the event the loop is processing now (after {@link #groupBy} or {@link #through}: the event read
     *     back from that topic), or null between events
     */
    Event<K, V> current();

    /**
     * Keeps the values {@code keep} accepts; an event whose values are all dropped is acknowledged at once.
     *
     * @param keep true for values the loop should get
     * @return the filtered stream
     */
    Stream<K, V> filter(Predicate<? super V> keep);

    /**
     * Transforms each value. The events keep their key and coordinates ({@link #events()} yields them with the
     * new value).
     *
     * @param fn the transformation
     * @param <T> the new value type
     * @return the transformed stream
     */
    <T> Stream<K, T> map(Function<? super V, ? extends T> fn);

    /**
     * Transforms each value into values of a named type: needed when the values go through Kafka afterwards
     * ({@link #groupBy}), where they are read back as that type.
     *
     * @param fn the transformation
     * @param type the class of the new values
     * @param <T> the new value type
     * @return the transformed stream
     */
    <T> Stream<K, T> map(Function<? super V, ? extends T> fn, Class<T> type);

    /**
     * Turns each value into any number of values (a sentence into its words); the event is acknowledged when
     * the loop moved past the last of them.
     *
     * @param fn the values of one value, in order
     * @param <T> the new value type
     * @return the expanded stream
     */
    <T> Stream<K, T> flatMap(Function<? super V, ? extends Iterable<? extends T>> fn);

    /**
     * {@link #flatMap(Function)} into values of a named type (see {@link #map(Function, Class)}).
     *
     * @param fn the values of one value, in order
     * @param type the class of the new values
     * @param <T> the new value type
     * @return the expanded stream
     */
    <T> Stream<K, T> flatMap(Function<? super V, ? extends Iterable<? extends T>> fn, Class<T> type);

    /** @return the values numbered from 0 in the order this loop gets them (Faust's {@code enumerate()}) */
    Stream<K, Indexed<V>> enumerate();

    /**
     * Re-keys the stream through the repartition topic {@code <agent name>-<source topic>-<name>-repartition}
     * (created by the worker with {@code topic_partitions} partitions): each value is sent there with the key
     * {@code key.apply(value)}, encoded with the source topic's key codec (so its partition is Kafka's murmur2
     * of those bytes), and the loop gets the events read back from it. A table updated in the loop is
     * partitioned like the repartition topic. A value not changed since the source topic is sent as its
     * original bytes. When {@code key} throws, the event goes to the error policy ({@code error_policy}).
     *
     * @param key the new key of a value, of the stream's key type
     * @param name names the repartition topic
     * @return the stream of the re-keyed events
     */
    Stream<K, V> groupBy(Function<? super V, ? extends K> key, String name);

    /**
     * {@link #groupBy(Function, String)} to keys of another type, read back as {@code keyType}: encoded with the
     * codec of the source topic's key codec's name for that type ({@code json} when that one cannot encode it).
     *
     * @param key the new key of a value
     * @param keyType the class of the new keys
     * @param name names the repartition topic
     * @param <K2> the new key type
     * @return the stream of the re-keyed events
     */
    <K2> Stream<K2, V> groupBy(Function<? super V, ? extends K2> key, Class<K2> keyType, String name);

    /**
     * Sends every event to {@code topic} (created when missing) and continues with the events read back from
     * it. Unchanged events are forwarded as their original bytes and headers; changed ones are encoded with
     * the topic's codecs.
     *
     * @param topic the topic to go through
     * @return the stream of that topic's events
     */
    Stream<K, V> through(Topic<K, V> topic);

    /**
     * Also sends every value (without its key, as Faust does) to each of {@code topics}, encoded with that
     * topic's value codec; the loop gets the same values.
     *
     * @param topics the topics
     * @return the stream
     */
    Stream<K, V> echo(Topic<?, ?>... topics);

    /**
     * Batches of up to {@code max} values: a batch is yielded when it is full, or when {@code within} passed
     * since its first value arrived (so no value waits longer than that). The events of a batch are
     * acknowledged when the loop moves past the batch.
     *
     * @param max values per batch, at least 1
     * @param within how long the first value of a batch waits for more
     * @return the batches
     */
    Iterable<List<V>> take(int max, Duration within);

    /**
     * {@link #take} yielding the events (for their keys and coordinates, or to acknowledge them one by one in a
     * {@link #noack()} stream).
     *
     * @param max events per batch, at least 1
     * @param within how long the first event of a batch waits for more
     * @return the batches
     */
    Iterable<List<Event<K, V>>> takeEvents(int max, Duration within);

    /**
     * A stream whose events are not acknowledged when the loop moves past them: call {@link #ack} or
     * {@link Event#ack()} (from any thread) once an event is done. Until then its offset, and every later one of
     * its partition, stays uncommitted. Events an operator drops are still acknowledged at once.
     *
     * @return the stream
     */
    Stream<K, V> noack();

    /**
     * Acknowledges an event of this stream now (once; later calls do nothing).
     *
     * @param event an event this stream yielded (from {@link #events()}, {@link #takeEvents} or {@link #current()})
     */
    void ack(Event<K, V> event);
}
