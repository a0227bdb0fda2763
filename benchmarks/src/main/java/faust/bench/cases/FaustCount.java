package faust.bench.cases;

import faust.App;
import faust.Event;
import faust.Table;
import faust.Topic;
import faust.bench.CaseArgs;
import java.util.LinkedHashMap;
import java.util.Map;

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
public final class FaustCount extends ThroughputCase {

    @Override
    boolean writesOutput() {
        return false;
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        App app = App.create(a.prefix());
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
        FaustRunner runner = FaustRunner.start(app, a, false);
        return new Running() {
            @Override
            public String failure() {
                return runner.failure();
            }

            @Override
            public Map<String, Object> stop() throws Exception {
                Map<String, Object> m = new LinkedHashMap<>();
                try {
                    Map<String, Long> local = counts.local();
                    m.put("count_sum", local.values().stream().mapToLong(Long::longValue).sum());
                    m.put("count_keys", local.size());
                } catch (RuntimeException e) {
                    m.put("count_check", "not read: " + e);
                }
                m.putAll(runner.stop());
                return m;
            }
        };
    }
}
