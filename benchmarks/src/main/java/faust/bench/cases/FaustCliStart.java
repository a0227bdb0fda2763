package faust.bench.cases;

import faust.bench.CaseArgs;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as users meet it, broker up: the pass-through app file run by {@code bin/faust}, timed from the
 * fork of the launcher.
 * <ol>
 *   <li>{@code bin/faust --version}: launcher, JVM and command line, no app ({@code version_ms});</li>
 *   <li>{@code bin/faust -A passthru agents}: the same plus compiling and loading the app file
 *       ({@code agents_ms}; the difference is what the app costs);</li>
 *   <li>{@code bin/faust -A passthru -l info worker --web-port 0}, first start (the worker creates its
 *       topics): fork → "worker ready" ({@code start_ms}), the JVM's CPU by then ({@code start_cpu_ms}),
 *       TERM → exit ({@code stop_ms});</li>
 *   <li>the same again, topics and group existing: a restart ({@code restart_ms}, {@code restart_stop_ms}).</li>
 * </ol>
 * {@code -l info} is only there to see the "worker ready" line; web server on (the default).
 */
public final class FaustCliStart implements BenchCase {
    @Override
    public Map<String, Object> run(CaseArgs a) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        Path dir = FaustCliPassthrough.writeApp(a, a.prefix() + "-in", a.prefix() + "-out");
        m.put("version_ms", timeToExit(a, dir, List.of("--version")));
        m.put("agents_ms", timeToExit(a, dir, List.of("-W", dir.toString(), "-A", "passthru", "--broker",
                "kafka://" + a.bootstrap(), "agents")));
        worker(a, dir, "", m);
        worker(a, dir, "restart_", m);
        return m;
    }

    private static void worker(CaseArgs a, Path dir, String prefix, Map<String, Object> m) throws Exception {
        CliWorker w = CliWorker.start(a, dir, "passthru", List.of("-l", "info"), List.of());
        try {
            w.awaitReady(Duration.ofSeconds(120));
        } catch (Exception e) {
            w.kill();
            throw e;
        }
        m.put(prefix + "start_ms", Meter.round(w.forkToReadyNanos() / 1e6));
        if (w.forkToStartedNanos() > 0) {
            m.put(prefix + "started_ms", Meter.round(w.forkToStartedNanos() / 1e6));
        }
        if (w.cpuAtReadyNanos() >= 0) {
            m.put(prefix + "start_cpu_ms", Meter.round(w.cpuAtReadyNanos() / 1e6));
        }
        long rss = ProcSampler.rssBytes(w.pid());
        if (rss > 0) {
            m.put(prefix + "rss_at_ready_mb", Meter.round(rss / 1e6));
        }
        Map<String, Object> stop = w.stop();
        m.put(prefix + "stop_ms", stop.get("stop_ms"));
        m.put(prefix + "exit_status", stop.get("exit_status"));
    }

    /** Runs {@code bin/faust ARGS} to its end; returns fork → exit in ms. */
    private static double timeToExit(CaseArgs a, Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(CliWorker.launcherPath().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        CliWorker.environment(pb.environment(), a);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/faust " + String.join(" ", args) + " did not end within 120 s");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/faust " + String.join(" ", args) + " exited with " + p.exitValue());
        }
        return Meter.round(ms);
    }
}
