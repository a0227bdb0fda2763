package faust.cli.internal;

import faust.worker.Worker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the command line in-process with captured output, for tests. */
final class CliRun {
    private CliRun() {
    }

    /**
     * What a run printed and returned.
     *
     * @param status the exit status
     * @param out stdout
     * @param err stderr
     */
    record Result(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        List<String> outLines() {
            return out.lines().toList();
        }
    }

    /** Runs {@code faust args} in {@code cwd}, with {@code FAUST_HOME} inside it. */
    static Result run(Path cwd, String... args) {
        return run(cwd, Map.of(), null, args);
    }

    /**
     * @param cwd the working directory (and home of FAUST_HOME)
     * @param env extra environment
     * @param workers told about the worker, if any
     * @param args the arguments
     * @return what happened
     */
    static Result run(Path cwd, Map<String, String> env, Consumer<Worker> workers, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>();
        environment.put("FAUST_HOME", cwd.resolve(".faust-home").toString());
        environment.putAll(env);
        Context context = new Context(new PrintWriter(out, true), new PrintWriter(err, true), environment, cwd, null,
                false, workers);
        int status = new Cli(context).run(args);
        return new Result(status, out.toString(), err.toString());
    }
}
