package faust.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The reference for sliding windowed tables: records through Kafka Streams'
 * {@code groupByKey().windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(d, grace))} with {@code count()} and a sum
 * {@code aggregate}, in a {@link TopologyTestDriver} (no broker, one task), caching off so every update is emitted;
 * the result is the last value of every window Streams made.
 */
public final class StreamsSlidingWindows {
    /**
     * One input record.
     *
     * @param key the key
     * @param ts its timestamp, epoch ms
     * @param value the number the sum adds
     */
    public record Rec(String key, long ts, long value) {
    }

    private StreamsSlidingWindows() {
    }

    /**
     * @param key a key
     * @param start window start, epoch ms
     * @param endInclusive its last instant, epoch ms
     * @param base subtracted from both, to keep names short
     * @return {@code key@start..end}
     */
    public static String name(String key, long start, long endInclusive, long base) {
        return key + "@" + (start - base) + ".." + (endInclusive - base);
    }

    /**
     * @param records the records, in the order they arrive
     * @param d the time difference
     * @param grace the grace period
     * @param base subtracted from window bounds in the names
     * @return "count" and "sum": window name ({@link #name}) to its last value
     */
    public static Map<String, Map<String, Long>> run(List<Rec> records, Duration d, Duration grace, long base) {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, Long> grouped = b.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
                .groupByKey();
        SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(d, grace);
        Duration retention = grace.plus(d.multipliedBy(2)).plusDays(1); // keep every window Streams made
        grouped.windowedBy(windows)
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("count-store")
                        .withRetention(retention))
                .toStream().map((w, v) -> KeyValue.pair(name(w, base), v))
                .to("count-out", Produced.with(Serdes.String(), Serdes.Long()));
        grouped.windowedBy(windows)
                .aggregate(() -> 0L, (k, v, sum) -> sum + v,
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("sum-store")
                                .withValueSerde(Serdes.Long()).withRetention(retention))
                .toStream().map((w, v) -> KeyValue.pair(name(w, base), v))
                .to("sum-out", Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sliding-reference");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), props)) {
            TestInputTopic<String, Long> in = driver.createInputTopic("in", new StringSerializer(),
                    new LongSerializer());
            for (Rec r : records) {
                in.pipeInput(r.key(), r.value(), Instant.ofEpochMilli(r.ts()));
            }
            return Map.of("count", last(driver.createOutputTopic("count-out", new StringDeserializer(),
                    new LongDeserializer())), "sum", last(driver.createOutputTopic("sum-out",
                    new StringDeserializer(), new LongDeserializer())));
        }
    }

    /**
     * Records mostly in order, some out of order (within a 3 s grace and beyond it), some at equal times, keys
     * a, b and c, values 1 to 9.
     *
     * @param seed the random seed
     * @param n how many
     * @param base the first time, epoch ms
     * @return the records
     */
    public static List<Rec> random(long seed, int n, long base) {
        Random rnd = new Random(seed);
        List<Rec> out = new ArrayList<>();
        long t = base;
        String[] keys = {"a", "b", "c"};
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(2_500);
            long ts = switch (rnd.nextInt(10)) {
                case 0 -> t - rnd.nextInt(3_000); // late, within the grace
                case 1 -> t - 3_000 - rnd.nextInt(9_000); // late, part or all of its windows closed
                case 2 -> t - rnd.nextInt(2) * 1_000; // same times again
                default -> t;
            };
            out.add(new Rec(keys[rnd.nextInt(keys.length)], ts, 1 + rnd.nextInt(9)));
        }
        return out;
    }

    private static String name(Windowed<String> w, long base) {
        return name(w.key(), w.window().start(), w.window().end(), base);
    }

    private static Map<String, Long> last(TestOutputTopic<String, Long> out) {
        Map<String, Long> m = new TreeMap<>();
        out.readKeyValuesToList().forEach(kv -> m.put(kv.key, kv.value));
        return m;
    }
}
