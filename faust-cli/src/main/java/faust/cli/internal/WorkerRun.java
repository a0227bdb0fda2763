package faust.cli.internal;

import faust.Faust;
import faust.Setting;
import faust.StopMode;
import faust.worker.Banner;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import faust.worker.WorkerState;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Runs a worker to its end: signal handlers and a shutdown hook (for the process's own command line), the
 * banner on stdout, then waits for the worker to stop and returns its exit status.
 */
final class WorkerRun {
    /** Time on top of {@code shutdown_timeout} the shutdown hook waits for the worker. */
    private static final Duration HOOK_GRACE = Duration.ofSeconds(20);
    /** How long agents' subprocesses get to end after TERM, after a warm shutdown. */
    private static final Duration SUBPROCESS_GRACE_WARM = Duration.ofSeconds(2);
    /** The same after a cold shutdown or a failure: the worker is to exit promptly. */
    private static final Duration SUBPROCESS_GRACE_COLD = Duration.ofMillis(200);

    private final Worker worker;
    private final Context context;
    private final boolean quiet;

    /**
     * @param worker the worker, not started
     * @param context streams; {@link Context#process()} says whether to install handlers
     * @param quiet true to print no banner
     */
    WorkerRun(Worker worker, Context context, boolean quiet) {
        this.worker = worker;
        this.context = context;
        this.quiet = quiet;
    }

    /**
     * Runs the worker until it stopped; then, when this is the process's own command line, terminates the
     * subprocesses its agents left (no orphans: warm, cold or timed out).
     *
     * @return the worker's exit status
     * @throws InterruptedException when interrupted while waiting (the worker is stopped cold first)
     */
    int run() throws InterruptedException {
        SignalHandlers signals = context.process() ? SignalHandlers.install(worker, context.err()) : null;
        Thread hook = context.process() ? shutdownHook() : null;
        try {
            worker.start(this::printBanner);
            int status;
            do {
                status = worker.awaitTermination(Duration.ofSeconds(1));
            } while (status < 0);
            return status;
        } catch (InterruptedException e) {
            worker.stop(StopMode.COLD);
            throw e;
        } finally {
            if (context.process() && worker.state() == WorkerState.STOPPED) {
                Subprocesses.terminate(worker.exitCode() == ExitCodes.OK ? SUBPROCESS_GRACE_WARM
                        : SUBPROCESS_GRACE_COLD);
            }
            if (signals != null) {
                signals.close();
            }
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running
                }
            }
        }
    }

    private void printBanner(Banner banner) {
        if (quiet) {
            return;
        }
        PrintWriter out = context.out();
        out.println("ƒaµS† v" + Faust.VERSION);
        out.print(banner.render());
        out.flush();
    }

    /** When the JVM exits otherwise (System.exit elsewhere, a signal without handler): a bounded warm stop. */
    private Thread shutdownHook() {
        Duration bound = worker.app().settings().duration(Setting.SHUTDOWN_TIMEOUT).plus(HOOK_GRACE);
        Thread hook = new Thread(() -> {
            if (worker.state() == WorkerState.STOPPED) {
                return;
            }
            worker.stop(StopMode.WARM);
            try {
                worker.awaitTermination(bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Subprocesses.terminate(SUBPROCESS_GRACE_COLD);
        }, "faust-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
