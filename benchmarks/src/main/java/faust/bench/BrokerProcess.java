package faust.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dev broker in a JVM of its own ({@code faust.devbroker.DevBrokerMain --port 0 --datadir DIR}), so its
 * CPU can be read from {@code /proc/<pid>/stat} apart from the cases'.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Kafka dev broker ready on (\\S+)");

    private final Process process;
    private final String bootstrap;
    private final Path dataDir;

    private BrokerProcess(Process process, String bootstrap, Path dataDir) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.dataDir = dataDir;
    }

    /**
     * Starts the broker and waits for its ready line.
     *
     * @param java the java command
     * @param classpath the class path
     * @param heap -Xmx of the broker
     * @param dataDir a fresh data directory (deleted on close)
     * @param log where the broker's output goes
     * @return the running broker
     * @throws Exception when it did not start within two minutes
     */
    public static BrokerProcess start(String java, String classpath, String heap, Path dataDir, Path log)
            throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(OwnSession.of(List.of(java, "-Xmx" + heap, "-XX:+UseG1GC", "-cp",
                classpath, "faust.devbroker.DevBrokerMain", "--port", "0", "--datadir", dataDir.toString())));
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("broker-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter w = new PrintWriter(Files.newBufferedWriter(log), true)) {
                String line;
                while ((line = r.readLine()) != null) {
                    w.println(line);
                    Matcher m = READY.matcher(line);
                    if (!ready.isDone() && m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the broker exited before it was ready; see " + log));
        });
        try {
            String bootstrap = ready.get(120, TimeUnit.SECONDS);
            return new BrokerProcess(p, bootstrap, dataDir);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the dev broker did not start: " + e.getMessage() + " (log: " + log + ")",
                    e);
        }
    }

    /** @return host:port */
    public String bootstrap() {
        return bootstrap;
    }

    /** @return the broker JVM's pid */
    public long pid() {
        return process.pid();
    }

    /** Stops the broker (TERM, then KILL after 60 s) and deletes its data directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files2.deleteTree(dataDir);
    }
}
