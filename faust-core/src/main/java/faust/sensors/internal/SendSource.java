package faust.sensors.internal;

import java.util.Map;

/** The producer's own counts of what it sent, by topic (read once a second, not per record). */
@FunctionalInterface
public interface SendSource {
    /** Nothing sent. */
    SendSource NONE = Map::of;

    /**
     * Counts of one topic.
     *
     * @param sent records sent
     * @param errors records that could not be sent
     */
    record Counts(long sent, long errors) {
    }

    /** @return counts so far, by topic */
    Map<String, Counts> byTopic();
}
