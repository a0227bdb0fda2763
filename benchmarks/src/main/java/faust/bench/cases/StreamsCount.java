package faust.bench.cases;

import faust.bench.CaseArgs;
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
 * Kafka Streams {@code groupByKey().count()} into the default store (RocksDB, record cache on, changelog
 * {@code <prefix>-counts-changelog}), at_least_once. After the run the counts are summed as a check.
 */
public final class StreamsCount extends ThroughputCase {
    private static final String STORE = "counts";

    @Override
    boolean writesOutput() {
        return false;
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .count(Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()));
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
                    ReadOnlyKeyValueStore<byte[], Long> store = app.streams().store(
                            StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
                    long sum = 0;
                    long keys = 0;
                    try (KeyValueIterator<byte[], Long> it = store.all()) {
                        while (it.hasNext()) {
                            KeyValue<byte[], Long> kv = it.next();
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
