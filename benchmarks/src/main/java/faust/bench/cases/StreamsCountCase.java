package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * What the Kafka Streams count cases share: the topology built by the case, run by {@link StreamsApp}, no output
 * topic (the store's changelog {@code <prefix>-counts-changelog} times the run), and after the run a check of the
 * counts in the store (they must add up to the records), read before the streams close.
 */
abstract class StreamsCountCase extends ThroughputCase {
    /** The store's name: its changelog is what the harness times. */
    static final String STORE = "counts";

    @Override
    final boolean writesOutput() {
        return false;
    }

    /**
     * Adds the case's topology to the builder.
     *
     * @param b the builder
     * @param a the arguments
     */
    abstract void topology(StreamsBuilder b, CaseArgs a);

    /**
     * @param streams the running streams
     * @return the check's JSON fields, such as {@link #sums}
     */
    abstract Map<String, Object> check(KafkaStreams streams);

    @Override
    final Running start(CaseArgs a, String output, Meter meter) {
        StreamsBuilder b = new StreamsBuilder();
        topology(b, a);
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
                    m.putAll(check(app.streams()));
                } catch (RuntimeException e) {
                    m.put("count_check", "not read: " + e.getMessage());
                }
                m.putAll(app.stop());
                return m;
            }
        };
    }

    /**
     * @param all the store's entries (closed here)
     * @param what the name of what was counted ({@code keys}, {@code windows})
     * @return {@code count_sum} and {@code count_<what>}
     */
    static <K> Map<String, Object> sums(KeyValueIterator<K, Long> all, String what) {
        long sum = 0;
        long n = 0;
        try (KeyValueIterator<K, Long> it = all) {
            while (it.hasNext()) {
                KeyValue<K, Long> kv = it.next();
                sum += kv.value;
                n++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count_sum", sum);
        m.put("count_" + what, n);
        return m;
    }
}
