package faust;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The windows of one key of a {@link WindowedTable}, as Python Faust's {@code table[key]}: pick a window by
 * time. A window without a value reads as the table's default value (null without a default). Got inside an
 * agent, it is bound to the event being processed.
 *
 * <p>For sliding windows ({@link Table#sliding}) "the window {@code time} falls in" is the window ending at
 * {@code time}: every read by time gives the aggregate of the key's records in {@code [time - d, time]} (both
 * included), also when no record created that window (then it is derived from the windows there are).
 *
 * @param <V> value type
 */
public interface WindowSet<V> {
    /**
     * @return the value in the latest window the current event's timestamp falls in
     * @throws FaustException outside an agent
     */
    V current();

    /** @return the value in the earliest window the wall clock falls in (Faust's {@code now()}) */
    V now();

    /**
     * @return the value in the latest window the table's time falls in (its {@code relativeTo...} setting;
     *     the event's timestamp by default)
     * @throws FaustException outside an agent when the table's time comes from events
     */
    V value();

    /**
     * @param ago how far back from the current event's timestamp
     * @return the value in the latest window {@code timestamp - ago} falls in
     * @throws FaustException outside an agent
     */
    V delta(Duration ago);

    /**
     * @param time an instant
     * @return the value in the latest window {@code time} falls in
     */
    V at(Instant time);

    /** @return every live window of the key and its value, by window start */
    Map<WindowRange, V> all();
}
