package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
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
public final class StreamsGroupByCount extends ThroughputCase {
    private static final String STORE = "counts";

    @Override
    boolean writesOutput() {
        return false;
    }

    @Override
    String secondStage(CaseArgs a) {
        return a.prefix() + "-word-repartition";
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.String()))
                .flatMapValues(s -> Arrays.asList(s.split(" ")))
                .groupBy((k, w) -> w, Grouped.with("word", Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        StreamsApp app = new StreamsApp(a, b.build(), meter);
        return new Running() {
            @Override
            public String failure() {
                return app.failure();
            }

            @Override
            public Map<String, Object> stop() {
                Map<String, Object> m = new LinkedHashMap<>();
                try {
                    ReadOnlyKeyValueStore<String, Long> store = app.streams().store(
                            StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
                    long sum = 0;
                    long keys = 0;
                    try (KeyValueIterator<String, Long> it = store.all()) {
                        while (it.hasNext()) {
                            KeyValue<String, Long> kv = it.next();
                            sum += kv.value;
                            keys++;
                        }
                    }
                    m.put("count_sum", sum);
                    m.put("count_keys", keys);
                } catch (RuntimeException e) {
                    m.put("count_check", "not read: " + e.getMessage());
                }
                m.putAll(app.stop());
                return m;
            }
        };
    }
}
