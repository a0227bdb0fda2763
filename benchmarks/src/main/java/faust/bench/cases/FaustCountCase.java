package faust.bench.cases;

import faust.App;
import faust.bench.CaseArgs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the Faust count cases share: an app named after the run, declared by the case (its table and agent), run
 * as a real worker ({@link FaustRunner}, web off), no output topic (the table's changelog times the run), and after
 * the run a check of the counts this worker holds (they must add up to the records), read before the worker stops.
 */
abstract class FaustCountCase extends ThroughputCase {

    @Override
    final boolean writesOutput() {
        return false;
    }

    /**
     * Declares the case's tables and agent on the app; the agent calls {@link Meter#begin()} at its first event.
     *
     * @param app the app, named after the run
     * @param a the arguments
     * @param meter the case's meter
     * @return the check run after the run: JSON fields such as {@link #sums}
     */
    abstract Supplier<Map<String, Object>> declare(App app, CaseArgs a, Meter meter);

    @Override
    final Running start(CaseArgs a, String output, Meter meter) {
        App app = App.create(a.prefix());
        Supplier<Map<String, Object>> check = declare(app, a, meter);
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
                    m.putAll(check.get());
                } catch (RuntimeException e) {
                    m.put("count_check", "not read: " + e);
                }
                m.putAll(runner.stop());
                return m;
            }
        };
    }

    /**
     * @param counts the counts the worker holds
     * @param what the name of what was counted ({@code keys}, {@code windows})
     * @return {@code count_sum} and {@code count_<what>}
     */
    static Map<String, Object> sums(Collection<Long> counts, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count_sum", counts.stream().mapToLong(Long::longValue).sum());
        m.put("count_" + what, counts.size());
        return m;
    }
}
