package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Kafka Streams {@code groupByKey().count()} into the default store (RocksDB, record cache on, changelog
 * {@code <prefix>-counts-changelog}), at_least_once. After the run the counts are summed as a check.
 */
public final class StreamsCount extends StreamsCountCase {

    @Override
    void topology(StreamsBuilder b, CaseArgs a) {
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .count(Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()));
    }

    @Override
    Map<String, Object> check(KafkaStreams streams) {
        ReadOnlyKeyValueStore<byte[], Long> store = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
        return sums(store.all(), "keys");
    }
}
