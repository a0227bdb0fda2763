package faust;

/**
 * Where the broker stored a record that was sent: its topic, partition, offset and timestamp.
 *
 * @param topic the topic name
 * @param partition the partition the record went to
 * @param offset the record's offset in that partition
 * @param timestamp the record's timestamp, in epoch milliseconds
 */
public record SendResult(String topic, int partition, long offset, long timestamp) {
}
