package faust.bench.cases;

import faust.bench.CaseArgs;
import java.time.Duration;
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
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Kafka Streams {@code groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(1 min, 1 h)).count()} into the
 * default window store (RocksDB, record cache on, changelog, retention 1 h + 1 min), at_least_once. After the
 * run the counts are summed as a check.
 */
public final class StreamsWindowCount extends ThroughputCase {
    private static final String STORE = "counts"; // changelog <prefix>-counts-changelog: what the harness times

    @Override
    boolean writesOutput() {
        return false;
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofHours(1)))
                .count(Materialized.<byte[], Long, WindowStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long())
                        .withRetention(Duration.ofHours(1).plusMinutes(1)));
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
                    ReadOnlyWindowStore<byte[], Long> store = app.streams().store(
                            StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.windowStore()));
                    long sum = 0;
                    long windows = 0;
                    try (KeyValueIterator<Windowed<byte[]>, Long> it = store.all()) {
                        while (it.hasNext()) {
                            KeyValue<Windowed<byte[]>, Long> kv = it.next();
                            sum += kv.value;
                            windows++;
                        }
                    }
                    m.put("count_sum", sum);
                    m.put("count_windows", windows);
                } catch (RuntimeException e) {
                    m.put("count_check", "not read: " + e.getMessage());
                }
                m.putAll(app.stop());
                return m;
            }
        };
    }
}
