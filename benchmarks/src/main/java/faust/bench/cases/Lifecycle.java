package faust.bench.cases;

import faust.App;
import faust.bench.CaseArgs;
import faust.bench.CaseMain;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Worker start → ready and warm stop → terminated, in milliseconds, for an app with one agent on an
 * 8-partition topic, web server on (a free port), as {@code faust worker} runs it:
 * <ol>
 *   <li>first start in a fresh JVM (classes not loaded yet; the worker creates the agent's topic);</li>
 *   <li>{@code stop(WARM)} (what TERM does) until the worker terminated;</li>
 *   <li>a second start and stop in the same, warm JVM (topic and group exist);</li>
 *   <li>a third one without the web server ({@code noweb_*}), to tell the web server's share apart.</li>
 * </ol>
 * The coordinator adds {@code fork_to_ready_ms}: from forking this JVM to the first worker being ready.
 */
public final class Lifecycle implements BenchCase {
    @Override
    public Map<String, Object> run(CaseArgs a) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        cycle(a, "", m, true, true);
        cycle(a, "restart_", m, false, true);
        cycle(a, "noweb_", m, false, false);
        return m;
    }

    private static void cycle(CaseArgs a, String prefix, Map<String, Object> m, boolean first, boolean web)
            throws Exception {
        App app = App.create(a.prefix());
        app.agent("work", stream -> {
            for (Object ignored : stream) {
                // idle: nothing is sent to it
            }
        });
        long cpu0 = Meter.processCpuNanos();
        FaustRunner runner = FaustRunner.start(app, a, web);
        double readyMs = runner.awaitReady(java.time.Duration.ofSeconds(60));
        if (first) {
            CaseMain.ready();
            m.put("jvm_uptime_at_ready_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        }
        m.put(prefix + "start_ms", Meter.round(readyMs));
        m.put(prefix + "start_cpu_ms", Meter.round((Meter.processCpuNanos() - cpu0) / 1e6));
        m.put(prefix + "partitions", runner.worker().assignment().size());
        Map<String, Object> stop = runner.stop();
        m.put(prefix + "stop_ms", stop.get("stop_ms"));
        m.put(prefix + "exit_status", stop.get("exit_status"));
    }
}
