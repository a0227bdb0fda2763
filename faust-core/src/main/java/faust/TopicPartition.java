package faust;

import java.util.Objects;

/**
 * One partition of one topic, as a worker reports its assignment.
 *
 * @param topic the topic name
 * @param partition the partition number
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
    /** Checks the parts. */
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition " + partition + " of topic " + topic + " is negative");
        }
    }

    @Override
    public int compareTo(TopicPartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    /** @return {@code topic-partition}, as Kafka and Faust print it */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
