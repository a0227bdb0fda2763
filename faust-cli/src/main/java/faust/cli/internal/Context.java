package faust.cli.internal;

import faust.App;
import faust.worker.Worker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a run of the command line works with, so it can run in-process in tests as well as in
 * {@code bin/faust}.
 *
 * @param out command output (banner, send results, tables); nothing else goes there
 * @param err messages for the user
 * @param env the environment ({@code FAUST_*}, {@code FAUST_HOME}, {@code FAUST_CLASSPATH}, ...)
 * @param cwd the working directory; {@code -W/--workdir} replaces it
 * @param app the app to run when the caller already has one ({@code app.main(args)}), else null
 * @param process true when this is the process's own command line: install signal handlers and a shutdown
 *     hook, and watch the launcher; false in tests and embedded use
 * @param workers told about each worker the {@code worker} command creates, before it starts (tests stop
 *     it through this); null for none
 */
public record Context(PrintWriter out, PrintWriter err, Map<String, String> env, Path cwd, App app,
                      boolean process, Consumer<Worker> workers) {
    /** Checks the parts that must be present. */
    public Context {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(cwd, "cwd");
        workers = workers == null ? w -> { } : workers;
    }

    /**
     * @param name an environment variable
     * @return its value, or null when unset or empty
     */
    public String getenv(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * @return the pid to show in the banner and log lines: the launcher's ({@code FAUST_LAUNCHER_PID})
     *     under {@code bin/faust}, else this JVM's
     */
    public long pid() {
        String launcher = getenv("FAUST_LAUNCHER_PID");
        if (launcher != null) {
            try {
                return Long.parseLong(launcher.trim());
            } catch (NumberFormatException e) {
                // not ours: fall through
            }
        }
        return ProcessHandle.current().pid();
    }

    /**
     * @param preloaded the app to run
     * @return a copy that runs {@code preloaded}
     */
    public Context withApp(App preloaded) {
        return new Context(out, err, env, cwd, preloaded, process, workers);
    }
}
