package faust.bench.cases;

import faust.App;
import faust.Event;
import faust.Table;
import faust.Topic;
import faust.bench.CaseArgs;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Count by key into a Faust table (default store, RocksDB, with its changelog), the counterpart of
 * {@link StreamsCount}, run as a real worker:
 * <pre>{@code
 * Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
 * for (Event<String, byte[]> e : stream.events()) counts.update(e.key(), n -> n + 1);
 * }</pre>
 * The table's keys and values are in the default form, Faust's JSON ({@code "key"} → {@code 3}). After the run
 * the counts this worker holds are summed as a check (they must add up to the records).
 */
public final class FaustCount extends FaustCountCase {

    @Override
    Supplier<Map<String, Object>> declare(App app, CaseArgs a, Meter meter) {
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        Topic<String, byte[]> in = app.topic(a.input(), String.class, byte[].class, t -> t.valueCodec("raw"));
        app.agent(in, stream -> {
            boolean first = true;
            for (Event<String, byte[]> e : stream.events()) {
                if (first) {
                    meter.begin();
                    first = false;
                }
                counts.update(e.key(), n -> n + 1);
            }
        });
        return () -> sums(counts.local().values(), "keys");
    }
}
