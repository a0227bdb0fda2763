package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Arrays;
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
 * Kafka Streams word count over the pre-loaded sentences:
 * {@code flatMapValues(split).groupBy((k, word) -> word).count()} through its repartition topic
 * {@code <prefix>-word-repartition}, into the default store (RocksDB, record cache on, changelog
 * {@code <prefix>-counts-changelog}), at_least_once. A run is done when the group committed the sentences and
 * then the repartition topic.
 */
public final class StreamsGroupByCount extends StreamsCountCase {

    @Override
    String secondStage(CaseArgs a) {
        return a.prefix() + "-word-repartition";
    }

    @Override
    void topology(StreamsBuilder b, CaseArgs a) {
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.String()))
                .flatMapValues(s -> Arrays.asList(s.split(" ")))
                .groupBy((k, w) -> w, Grouped.with("word", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
    }

    @Override
    Map<String, Object> check(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, Long> store = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
        return sums(store.all(), "keys");
    }
}
