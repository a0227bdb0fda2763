package faust.bench.cases;

import faust.App;
import faust.Table;
import faust.Topic;
import faust.bench.CaseArgs;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Word count through a repartition topic, the counterpart of {@link StreamsGroupByCount}, run as a real worker
 * over the pre-loaded sentences (unkeyed, words separated by spaces):
 * <pre>{@code
 * for (String word : stream.flatMap(s -> Arrays.asList(s.split(" ")), String.class)
 *                          .groupBy(w -> w, String.class, "<run prefix>")) {
 *     counts.update(word, n -> n + 1);
 * }
 * }</pre>
 * The repartition topic is {@code <input>-<input>-<run prefix>-repartition} ({@code topic_partitions} = the
 * benchmark's partitions); the table is RocksDB with its changelog. A run is done when the group committed the
 * sentences and then the repartition topic.
 */
public final class FaustGroupByCount extends FaustCountCase {

    @Override
    String secondStage(CaseArgs a) {
        return a.input() + "-" + a.input() + "-" + a.prefix() + "-repartition";
    }

    @Override
    Supplier<Map<String, Object>> declare(App app, CaseArgs a, Meter meter) {
        Table<String, Long> counts = app.table("counts", String.class, Long.class,
                t -> t.defaultValue(0L).keyCodec("string"));
        Topic<byte[], String> in = app.topic(a.input(), byte[].class, String.class, t -> t.valueCodec("string"));
        app.agent(in, stream -> {
            boolean first = true;
            for (String word : stream.flatMap(s -> Arrays.asList(s.split(" ")), String.class)
                    .groupBy(w -> w, String.class, a.prefix())) {
                if (first) {
                    meter.begin();
                    first = false;
                }
                counts.update(word, n -> n + 1);
            }
        });
        return () -> sums(counts.local().values(), "keys");
    }
}
