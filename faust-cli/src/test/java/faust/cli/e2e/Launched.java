package faust.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code bin/faust} process, started as a user would start it, on the distribution this build packaged
 * ({@code FAUST_NO_BUILD=1}). Its stdout and stderr go to files in its own directory, which is also where
 * the test app writes what its agent did ({@code E2E_DIR}).
 */
final class Launched implements AutoCloseable {
    /** {@code bin/faust} of this checkout; failsafe runs in the module's directory. */
    static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("faust");
    private static final Pattern WEB = Pattern.compile("(?m)^web\\s+http://[^:]+:(\\d+)/$");

    final String name;
    final Path dir;
    final Process process;
    final long startedNanos = System.nanoTime();

    private Launched(String name, Path dir, Process process) {
        this.name = name;
        this.dir = dir;
        this.process = process;
    }

    /**
     * How to start one.
     *
     * @param name a name for messages and the directory
     * @param workdir where the app's source is ({@code -W})
     * @param env environment on top of the test's (FAUST_* of the test JVM are removed)
     * @param args the arguments after {@code bin/faust}
     * @param ignoreIntQuit start it with INT and QUIT ignored, as a script's background job ({@code faust &})
     */
    record Spec(String name, Path workdir, Map<String, String> env, List<String> args, boolean ignoreIntQuit) {
        Spec {
            env = Map.copyOf(env);
            args = List.copyOf(args);
        }

        Spec withArgs(List<String> more) {
            List<String> all = new ArrayList<>(args);
            all.addAll(more);
            return new Spec(name, workdir, env, all, ignoreIntQuit);
        }
    }

    static Launched start(Spec spec) {
        try {
            Path dir = Files.createDirectories(spec.workdir().resolve(spec.name()));
            List<String> command = new ArrayList<>();
            if (spec.ignoreIntQuit()) {
                // exec keeps ignored signals ignored: this is what `faust ... &` in a script gets
                command.addAll(List.of("/bin/sh", "-c", "trap '' INT QUIT; exec /bin/sh \"$0\" \"$@\""));
            } else {
                command.add("/bin/sh");
            }
            command.add(LAUNCHER.toString());
            command.addAll(spec.args());
            ProcessBuilder pb = new ProcessBuilder(command).directory(spec.workdir().toFile());
            Map<String, String> environment = pb.environment();
            environment.keySet().removeIf(k -> k.startsWith("FAUST_"));
            environment.put("FAUST_NO_BUILD", "1"); // this build just packaged the distribution
            environment.put("FAUST_HOME", spec.workdir().resolve(".faust-home").toString());
            environment.put("E2E_DIR", dir.toString());
            environment.putAll(spec.env());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(dir.resolve("out.txt").toFile());
            pb.redirectError(dir.resolve("err.txt").toFile());
            return new Launched(spec.name(), dir, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the launcher's pid: the one the banner shows and a user signals */
    long pid() {
        return process.pid();
    }

    String out() {
        return read("out.txt");
    }

    String err() {
        return read("err.txt");
    }

    /** @return the worker's stdout and stderr, for assertion messages */
    String output() {
        return "--- " + name + " (pid " + pid() + ") stdout:\n" + out() + "--- stderr:\n" + err();
    }

    private String read(String file) {
        try {
            Path p = dir.resolve(file);
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the JVM the launcher runs, while it runs */
    Optional<ProcessHandle> jvm() {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** Waits until the worker joined its group and got its (first) partitions. */
    Launched awaitReady() {
        await(name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast(this::assertAlive)
                .until(() -> err().contains("worker ready"));
        return this;
    }

    private void assertAlive() {
        org.assertj.core.api.Assertions.assertThat(process.isAlive()).as(() -> name + " exited: " + output()).isTrue();
    }

    /** @return the web port the banner shows */
    int webPort() {
        await(name + " banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast(this::assertAlive)
                .until(() -> WEB.matcher(out()).find());
        Matcher m = WEB.matcher(out());
        m.find();
        return Integer.parseInt(m.group(1));
    }

    /**
     * Sends a signal with the shell's {@code kill}, as a user would.
     *
     * @param signal TERM, INT, QUIT, USR1 or KILL
     * @param pid whom to send it
     */
    static void kill(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid)
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a signal to the launcher (the banner's pid). */
    void signal(String signal) {
        kill(signal, pid());
    }

    /**
     * @param atMost how long to wait
     * @return the exit status
     */
    int awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + atMost + "\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Leaves nothing behind when a test failed half-way. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** @return the environment map of the test app's settings, to add to */
    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
