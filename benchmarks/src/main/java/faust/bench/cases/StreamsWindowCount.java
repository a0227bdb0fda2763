package faust.bench.cases;

import faust.bench.CaseArgs;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Kafka Streams {@code groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(1 min, 1 h)).count()} into the
 * default window store (RocksDB, record cache on, changelog, retention 1 h + 1 min), at_least_once. After the
 * run the counts are summed as a check.
 */
public final class StreamsWindowCount extends StreamsCountCase {

    @Override
    void topology(StreamsBuilder b, CaseArgs a) {
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofHours(1)))
                .count(Materialized.<byte[], Long, WindowStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long())
                        .withRetention(Duration.ofHours(1).plusMinutes(1)));
    }

    @Override
    Map<String, Object> check(KafkaStreams streams) {
        ReadOnlyWindowStore<byte[], Long> store = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.windowStore()));
        return sums(store.all(), "windows");
    }
}
