package faust.bench.cases;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.bench.CaseArgs;
import faust.spi.Apps;
import faust.worker.Worker;
import faust.worker.WorkerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a Faust app as a real {@link Worker} in the case JVM, configured the way the CLI would
 * ({@code Apps.configure(app, env, flags)}): the benchmark's broker, a fresh datadir, the common commit interval
 * and producer linger; everything else at Faust's defaults.
 */
final class FaustRunner implements ThroughputCase.Running {
    private final Worker worker;
    private final long startNanos;

    private FaustRunner(Worker worker, long startNanos) {
        this.worker = worker;
        this.startNanos = startNanos;
    }

    /**
     * @param a the arguments
     * @param web whether to run the web server (on a free port)
     * @return the flags the benchmark sets
     */
    static Map<Setting, Settings.Flag> flags(CaseArgs a, boolean web) {
        Map<Setting, Settings.Flag> f = new EnumMap<>(Setting.class);
        f.put(Setting.BROKER, new Settings.Flag("--broker", "kafka://" + a.bootstrap()));
        f.put(Setting.DATADIR, new Settings.Flag("--datadir", a.workdir().resolve("faust-data").toString()));
        f.put(Setting.WEB_ENABLED, new Settings.Flag("--without-web", Boolean.toString(web)));
        f.put(Setting.WEB_PORT, new Settings.Flag("--web-port", "0"));
        f.put(Setting.BROKER_COMMIT_INTERVAL, new Settings.Flag("bench", (a.commitIntervalMs() / 1000.0) + ""));
        f.put(Setting.PRODUCER_LINGER, new Settings.Flag("bench", (a.lingerMs() / 1000.0) + ""));
        f.put(Setting.TOPIC_PARTITIONS, new Settings.Flag("bench", Integer.toString(a.partitions())));
        if (Guarantees.isExactlyOnce()) {
            f.put(Setting.PROCESSING_GUARANTEE, new Settings.Flag("bench", "exactly_once"));
        }
        return f;
    }

    /**
     * Configures the app and starts a worker for it.
     *
     * @param app the app, agents declared
     * @param a the arguments
     * @param web whether to run the web server
     * @return the running worker
     */
    static FaustRunner start(App app, CaseArgs a, boolean web) {
        return start(app, a, web, true);
    }

    /**
     * Configures the app and starts a worker for it.
     *
     * @param app the app, agents declared
     * @param a the arguments
     * @param web whether to run the web server
     * @param metrics whether the sensors are on ({@code metrics_enabled}, on by default)
     * @return the running worker
     */
    static FaustRunner start(App app, CaseArgs a, boolean web, boolean metrics) {
        // FAUST_* variables reach the app as they would under `faust worker`; the benchmark's flags win.
        Map<Setting, Settings.Flag> flags = flags(a, web);
        if (!metrics) {
            flags.put(Setting.METRICS_ENABLED, new Settings.Flag("bench", "false"));
        }
        Apps.configure(app, System.getenv(), flags);
        Path workdir = a.workdir();
        Worker w = new Worker(app, new Worker.Options(workdir, "-stderr- (warn)", ProcessHandle.current().pid()));
        long t0 = System.nanoTime();
        w.start(banner -> { });
        return new FaustRunner(w, t0);
    }

    Worker worker() {
        return worker;
    }

    /**
     * @param timeout how long to wait
     * @return milliseconds from {@code start()} to ready
     * @throws Exception when it did not get ready
     */
    double awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!worker.ready()) {
            String f = failure();
            if (f != null) {
                throw new IllegalStateException(f);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker not ready after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(1);
        }
        return (System.nanoTime() - startNanos) / 1e6;
    }

    @Override
    public String failure() {
        WorkerState s = worker.state();
        if (s == WorkerState.STOPPING || s == WorkerState.STOPPED) {
            return "the worker stopped by itself (exit status " + worker.exitCode() + "): see the run's log";
        }
        return null;
    }

    @Override
    public Map<String, Object> stop() throws InterruptedException {
        long t0 = System.nanoTime();
        worker.stop(StopMode.WARM);
        int code = worker.awaitTermination(Duration.ofSeconds(90));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stop_ms", Meter.round((System.nanoTime() - t0) / 1e6));
        m.put("exit_status", code);
        return m;
    }
}
