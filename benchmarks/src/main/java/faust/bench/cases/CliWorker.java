package faust.bench.cases;

import faust.bench.CaseArgs;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A worker started the way users start one: {@code bin/faust -W <dir> -A <app file> --broker <url> worker
 * --web-port 0}, as a process of its own, default settings otherwise (only the broker is given; the web port
 * and the working directory, hence the datadir, keep runs from colliding). Its output goes to the run's log
 * with a {@code [worker]} prefix; the JVM's pid (the launcher's child) is found for {@link ProcSampler}.
 *
 * <p>The launcher runs with {@code JAVA_HOME} set to the harness's JDK, {@code FAUST_NO_BUILD=1} ({@code run.sh}
 * built the distribution before the run; a build in the middle of a run would be measured otherwise) and
 * {@code FAUST_JAVA_OPTS} = the environment's plus {@code --worker-java-opts} (e.g. a JFR recording). A word
 * {@code NAME=value} among those options (an upper-case name: no JVM option looks like that) is set as an
 * environment variable of the launcher instead (a setting such as {@code FAUST_BROKER_COMMIT_INTERVAL=0.1},
 * {@code FAUST_CDS=0}, {@code MALLOC_ARENA_MAX=2}), so that a {@code --worker-variant} can A/B settings as well as
 * JVM flags.
 */
final class CliWorker implements ThroughputCase.Running {
    private static final PrintStream LOG = System.err;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final Process launcher;
    private final long forkNanos;
    private final long jvmPid;
    private volatile long readyNanos;
    private volatile long startedNanos;
    private volatile long lastCpuAtReady = -1;

    private CliWorker(Process launcher, long forkNanos, long jvmPid) {
        this.launcher = launcher;
        this.forkNanos = forkNanos;
        this.jvmPid = jvmPid;
    }

    /** @return {@code bin/faust} of the repository the benchmarks run from */
    static Path launcherPath() {
        String home = System.getProperty("bench.home");
        if (home == null) {
            throw new IllegalStateException("-Dbench.home (the benchmarks directory) is not set: run through run.sh");
        }
        Path p = Path.of(home).toAbsolutePath().getParent().resolve("bin").resolve("faust");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing or not executable");
        }
        return p;
    }

    /**
     * Writes nothing; starts {@code bin/faust} on an app file already in {@code appDir}.
     *
     * @param a the arguments (broker, worker JVM options)
     * @param appDir the working directory holding {@code <module>.java}
     * @param module the app module, as given to {@code -A}
     * @param global extra global options (e.g. {@code -l info}), before {@code worker}
     * @param worker extra worker options
     * @return the running worker, its JVM's pid known
     * @throws Exception when it could not be started or its JVM did not appear within 30 s
     */
    static CliWorker start(CaseArgs a, Path appDir, String module, List<String> global, List<String> worker)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcherPath().toString(), "-W", appDir.toString(), "-A", module,
                "--broker", "kafka://" + a.bootstrap()));
        cmd.addAll(global);
        cmd.add("worker");
        cmd.addAll(List.of("--web-port", "0"));
        cmd.addAll(worker);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(appDir.toFile()).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String opts = environment(pb.environment(), a);
        LOG.println("[bench] starting: " + String.join(" ", cmd) + (opts.isEmpty() ? "" : "  (FAUST_JAVA_OPTS=" + opts + ")"));
        long t0 = System.nanoTime();
        Process p = pb.start();
        CliWorker[] self = new CliWorker[1];
        long[] marks = new long[2];
        Thread.ofPlatform().daemon().name("worker-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    long now = System.nanoTime();
                    if (line.contains("worker ready")) {
                        synchronized (marks) {
                            marks[0] = now;
                        }
                        CliWorker w = self[0];
                        if (w != null) {
                            w.ready(now);
                        }
                    } else if (line.contains("worker started")) {
                        synchronized (marks) {
                            marks[1] = now;
                        }
                    }
                    LOG.println("[worker] " + line);
                }
            } catch (IOException e) {
                // the worker ended
            }
        });
        long pid = findJvm(p, t0);
        CliWorker w = new CliWorker(p, t0, pid);
        self[0] = w;
        synchronized (marks) {
            if (marks[0] != 0) {
                w.ready(marks[0]);
            }
            if (marks[1] != 0) {
                w.startedNanos = marks[1];
            }
        }
        return w;
    }

    /**
     * Sets what every {@code bin/faust} the harness starts runs with: the harness's JDK, no build check,
     * {@code FAUST_JAVA_OPTS} plus {@code --worker-java-opts}.
     *
     * @param env the process environment, changed
     * @param a the arguments
     * @return the resulting FAUST_JAVA_OPTS ("" for none)
     */
    static String environment(Map<String, String> env, CaseArgs a) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("FAUST_NO_BUILD", "1");
        StringBuilder jvm = new StringBuilder(env.getOrDefault("FAUST_JAVA_OPTS", ""));
        StringBuilder vars = new StringBuilder();
        String given = a.workerJavaOpts().replace("{case}", a.name()).replace("{run}", Integer.toString(a.run()));
        for (String word : given.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq > 0 && ENV_NAME.matcher(word.substring(0, eq)).matches()) {
                env.put(word.substring(0, eq), word.substring(eq + 1));   // FAUST_CDS=0, FAUST_BROKER_...=..., MALLOC_ARENA_MAX=2
                vars.append(' ').append(word);
            } else {
                jvm.append(' ').append(word);
            }
        }
        String opts = jvm.toString().trim();
        if (!opts.isEmpty()) {
            env.put("FAUST_JAVA_OPTS", opts);
        }
        return (opts + vars).trim();
    }

    /** A word of the worker options that names an environment variable of the launcher instead of a JVM option. */
    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Z_][A-Z0-9_]*");

    /** The launcher's child whose command is java: setsid and env exec into it. */
    private static long findJvm(Process launcher, long t0) throws Exception {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("bin/faust exited with status " + launcher.exitValue()
                        + " before its JVM ran: see the run's log");
            }
            Optional<ProcessHandle> jvm = launcher.toHandle().children()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            if (jvm.isPresent()) {
                return jvm.get().pid();
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no java process under bin/faust (pid " + launcher.pid() + ") after 30 s");
    }

    private synchronized void ready(long nanos) {
        if (readyNanos == 0) {
            lastCpuAtReady = Meter.procCpuNanos(jvmPid);
            readyNanos = nanos; // last: awaitReady() returns once this is set
        }
    }

    @Override
    public long pid() {
        return jvmPid;
    }

    /** @return nanoseconds from the fork of bin/faust to the "worker ready" log line, or -1 */
    long forkToReadyNanos() {
        return readyNanos == 0 ? -1 : readyNanos - forkNanos;
    }

    /** @return nanoseconds from the fork to the "worker started" log line, or -1 */
    long forkToStartedNanos() {
        return startedNanos == 0 ? -1 : startedNanos - forkNanos;
    }

    /** @return CPU nanoseconds the worker's JVM had used when it logged "worker ready", or -1 */
    long cpuAtReadyNanos() {
        return lastCpuAtReady;
    }

    /**
     * @param timeout how long to wait
     * @throws Exception when the worker exited or was not ready in time (needs {@code -l info})
     */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyNanos == 0) {
            String f = failure();
            if (f != null) {
                throw new IllegalStateException(f);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no \"worker ready\" line from bin/faust after " + timeout.toSeconds()
                        + " s");
            }
            Thread.sleep(1);
        }
    }

    @Override
    public String failure() {
        if (!launcher.isAlive()) {
            return "the worker (bin/faust) exited by itself with status " + launcher.exitValue()
                    + ": see the run's log";
        }
        return null;
    }

    /** TERM to the launcher (forwarded to the JVM: a warm shutdown), then waits for the exit. */
    @Override
    public Map<String, Object> stop() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        launcher.destroy();
        boolean exited = launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        m.put("stop_ms", Meter.round((System.nanoTime() - t0) / 1e6));
        if (!exited) {
            launcher.destroyForcibly();
            ProcessHandle.of(jvmPid).ifPresent(ProcessHandle::destroyForcibly);
            launcher.waitFor(10, TimeUnit.SECONDS);
            m.put("exit_status", "killed after " + STOP_TIMEOUT.toSeconds() + " s");
        } else {
            m.put("exit_status", launcher.exitValue());
        }
        return m;
    }

    /** Kills the launcher and the JVM at once (after a failed run). */
    void kill() {
        launcher.destroyForcibly();
        ProcessHandle.of(jvmPid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
