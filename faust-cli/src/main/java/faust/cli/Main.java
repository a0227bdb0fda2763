package faust.cli;

import faust.App;
import faust.cli.internal.Cli;
import faust.cli.internal.Context;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code faust} program: {@code faust [-A APP] [options] COMMAND [args]}, with the commands
 * {@code worker}, {@code send}, {@code agents} and {@code broker}. {@code bin/faust} runs it; run
 * {@code faust --help} for the options.
 *
 * <p>{@link #main} is the only place that exits the JVM; {@link #run} returns the exit status instead
 * ({@link faust.worker.ExitCodes}: 0 ok, 1 failed, 2 bad usage).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits the JVM with its status.
     *
     * @param args the arguments, e.g. {@code -A proj worker -l info}
     */
    public static void main(String[] args) {
        int status = run(args);
        System.exit(status);
    }

    /**
     * Runs the command line in this process, with the process's streams, environment and working
     * directory, and returns its exit status. Installs signal handlers for the {@code worker} command.
     *
     * @param args the arguments
     * @return the exit status
     */
    public static int run(String... args) {
        return run(null, args);
    }

    /**
     * Runs the command line for an app the caller already has (as if {@code -A} named it).
     *
     * @param app the app, or null to load the one {@code -A} names
     * @param args the arguments
     * @return the exit status
     */
    static int run(App app, String[] args) {
        // UTF-8 whatever the locale: the banner's title is "ƒaµS†"
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Context context = new Context(out, err, System.getenv(), Path.of("").toAbsolutePath(), app, true,
                null);
        return new Cli(context).run(args);
    }
}
