package faust.bench.cases;

import faust.App;
import faust.Event;
import faust.Topic;
import faust.WindowedTable;
import faust.bench.CaseArgs;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A tumbling 1-minute count by key into a Faust windowed table (default store, RocksDB, changelog with
 * Faust's {@code [key,[start,end]]} keys), the counterpart of {@link StreamsWindowCount}, run as a real worker:
 * <pre>{@code
 * WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
 *         .tumbling(Duration.ofMinutes(1), Duration.ofHours(1));
 * for (Event<String, byte[]> e : stream.events()) counts.update(e.key(), n -> n + 1);
 * }</pre>
 * Windows are by the records' timestamps (the input's load time). After the run the counts this worker holds
 * are summed as a check (they must add up to the records).
 */
public final class FaustWindowCount extends FaustCountCase {

    @Override
    Supplier<Map<String, Object>> declare(App app, CaseArgs a, Meter meter) {
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofMinutes(1), Duration.ofHours(1));
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
        return () -> sums(counts.local().values(), "windows");
    }
}
