package faust.devbroker;

import faust.devbroker.internal.KafkaProbe;
import faust.devbroker.internal.Ports;
import faust.devbroker.internal.QuietLogging;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A dev broker running detached in its own JVM, kept under {@code <home>/dev-broker} where {@code home} is
 * {@code ${FAUST_HOME:-~/.faust}}:
 *
 * <ul>
 *   <li>{@code data/} — the Kafka log directory (kept across starts);</li>
 *   <li>{@code broker.log} — the broker's stdout and stderr;</li>
 *   <li>{@code broker.pid}, {@code broker.port} — the process id and client port of the running one;</li>
 *   <li>{@code security/} — certificates, trust store, password and client settings of the
 *       {@link SecureListeners secured listeners}, when it was started with some.</li>
 * </ul>
 *
 * <p>The broker process runs {@link DevBrokerMain} with this JVM's java executable and class path, in a new
 * session ({@code setsid}) when available, so it survives the process that started it and does not get
 * the terminal's signals. Starting while one already runs returns the running one.
 *
 * <p>Safe to use from several processes at once: {@link #start} holds a file lock while it starts.
 */
public final class DetachedBroker {
    /** How long {@link #start} waits for the new broker to answer. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #stop} waits after SIGTERM before it kills the broker. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
    private static final String MAIN_CLASS = DevBrokerMain.class.getName();
    private static final String DETACHED_MARKER = "faust.devbroker.detached";

    private static final Object START_MONITOR = new Object();

    private final Path directory;

    /**
     * State of the detached broker.
     *
     * @param running whether its process is alive and a Kafka broker answers on its port
     * @param pid its process id, or -1 when there is no pid file
     * @param port its client port, or -1 when unknown
     * @param dataDir its Kafka data directory
     * @param logFile the file its output goes to
     * @param security how to connect to its secured listeners; {@code null} when it has none or does not run
     */
    public record Status(boolean running, long pid, int port, Path dataDir, Path logFile, ClientSecurity security) {
        /**
         * The address clients connect to.
         *
         * @return {@code localhost:PORT}, or {@code null} when the port is unknown
         */
        public String bootstrapServers() {
            return port > 0 ? DevBroker.DEFAULT_HOST + ":" + port : null;
        }

        /**
         * One line for humans, such as {@code running on localhost:9092 (pid 1234, data: ..., log: ...)}.
         *
         * @return the description
         */
        public String describe() {
            if (running) {
                return "running on " + bootstrapServers() + " (pid " + pid + ", data: " + dataDir
                        + ", log: " + logFile + ")";
            }
            return "not running (data: " + dataDir + ", log: " + logFile + ")";
        }
    }

    /**
     * A detached broker kept under {@code faustHome/dev-broker}.
     *
     * @param faustHome the Faust home directory, normally {@link #defaultFaustHome()}
     */
    public DetachedBroker(Path faustHome) {
        this.directory = Objects.requireNonNull(faustHome, "faustHome").toAbsolutePath().normalize()
                .resolve("dev-broker");
    }

    /**
     * The detached broker under {@link #defaultFaustHome()}.
     *
     * @return the detached broker of this user
     */
    public static DetachedBroker atDefaultHome() {
        return new DetachedBroker(defaultFaustHome());
    }

    /**
     * The Faust home directory: {@code $FAUST_HOME} when set, else {@code ~/.faust}.
     *
     * @return the home directory (it may not exist yet)
     */
    public static Path defaultFaustHome() {
        String env = System.getenv("FAUST_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".faust");
    }

    /**
     * The default data directory of a dev broker: {@code <faust home>/dev-broker/data}.
     *
     * @return the data directory
     */
    public static Path defaultDataDir() {
        return defaultFaustHome().resolve("dev-broker").resolve("data");
    }

    /**
     * Tells whether a Kafka broker answers at {@code bootstrapServers} (a {@code host:port} list; a
     * {@code kafka://} scheme is accepted) by sending it an {@code ApiVersions} request. Returns within about
     * {@code timeout}, never hangs, never throws for network errors, and logs nothing.
     *
     * @param bootstrapServers where to ask
     * @param timeout how long to wait at most for all of them together
     * @return whether a broker answered
     * @throws IllegalArgumentException when {@code bootstrapServers} is not a {@code host:port} list
     */
    public static boolean answers(String bootstrapServers, Duration timeout) {
        return KafkaProbe.answers(bootstrapServers, timeout);
    }

    /**
     * The directory the detached broker is kept in, {@code <home>/dev-broker}.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The Kafka data directory of the detached broker.
     *
     * @return {@code <home>/dev-broker/data}
     */
    public Path dataDir() {
        return directory.resolve("data");
    }

    /**
     * The log file of the detached broker.
     *
     * @return {@code <home>/dev-broker/broker.log}
     */
    public Path logFile() {
        return directory.resolve("broker.log");
    }

    /**
     * The pid file of the detached broker.
     *
     * @return {@code <home>/dev-broker/broker.pid}
     */
    public Path pidFile() {
        return directory.resolve("broker.pid");
    }

    /**
     * Where the detached broker keeps the files of its secured listeners.
     *
     * @return {@code <home>/dev-broker/security}
     */
    public Path securityDir() {
        return directory.resolve("security");
    }

    private ClientSecurity security() {
        return ClientSecurity.read(securityDir()).orElse(null);
    }

    /**
     * The port file of the detached broker.
     *
     * @return {@code <home>/dev-broker/broker.port}
     */
    public Path portFile() {
        return directory.resolve("broker.port");
    }

    /**
     * The state of the detached broker: running when its process is alive and answers on its port.
     *
     * @return the status
     */
    public Status status() {
        long pid = readNumber(pidFile());
        int port = (int) readNumber(portFile());
        boolean running = pid > 0 && port > 0 && isOurs(pid) && answersOn(port, PROBE_TIMEOUT);
        return new Status(running, pid, port, dataDir(), logFile(), running ? security() : null);
    }

    /**
     * Starts the detached broker on {@code port} and waits (at most {@link #START_TIMEOUT}) until it answers;
     * if one is already running, returns that one (whatever its port).
     *
     * @param port the client port; 0 picks a free one
     * @return the status of the running broker
     * @throws IllegalStateException when the port is in use by something else, or the broker exits or does
     *     not answer in time (the message names the log file)
     */
    public Status start(int port) {
        return start(port, START_TIMEOUT);
    }

    /**
     * Like {@link #start(int)} with another timeout.
     *
     * @param port the client port; 0 picks a free one
     * @param timeout how long to wait for the new broker to answer
     * @return the status of the running broker
     * @throws IllegalStateException when the port is in use, or the broker exits or does not answer in time
     */
    public Status start(int port, Duration timeout) {
        return start(port, null, timeout);
    }

    /**
     * Like {@link #start(int, Duration)}, opening secured listeners as well. Their files are kept in
     * {@link #securityDir()} ({@link SecureListeners#dir()} is not used). A broker that already runs is
     * returned as it is, with or without secured listeners.
     *
     * @param port the client port; 0 picks a free one
     * @param secure the secured listeners, {@code null} for none
     * @param timeout how long to wait for the new broker to answer
     * @return the status of the running broker
     * @throws IllegalStateException when a port is in use, or the broker exits or does not answer in time
     */
    public Status start(int port, SecureListeners secure, Duration timeout) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + directory + ": " + e, e);
        }
        // one start at a time: across processes by the file lock, within this JVM by the monitor
        // (a second lock on the same file from this JVM would throw OverlappingFileLockException)
        synchronized (START_MONITOR) {
            try (FileChannel lockChannel = FileChannel.open(directory.resolve("start.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = lockChannel.lock();
                try {
                    return startLocked(port, secure, timeout);
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Kafka dev broker: " + e.getMessage(), e);
            }
        }
    }

    private Status startLocked(int requestedPort, SecureListeners secure, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long oldPid = readNumber(pidFile());
        int oldPort = (int) readNumber(portFile());
        if (oldPid > 0 && isOurs(oldPid)) {
            if (oldPort > 0 && answersOn(oldPort, PROBE_TIMEOUT)) {
                return status();
            }
            // alive but not answering: still starting (another start is waiting for it), or hung
            if (oldPort > 0) {
                return awaitAnswer(ProcessHandle.of(oldPid).orElse(null), null, oldPid, oldPort, false, deadline,
                        timeout);
            }
        }
        Files.deleteIfExists(pidFile());

        int port = requestedPort == 0 ? Ports.pickFree(DevBroker.DEFAULT_HOST) : requestedPort;
        Ports.requireFree(DevBroker.DEFAULT_HOST, port);
        Files.createDirectories(dataDir());

        List<String> command = new ArrayList<>();
        File setsid = new File("/usr/bin/setsid");
        if (setsid.canExecute()) {
            command.add(setsid.getPath());
        }
        command.add(javaExecutable());
        command.add("-Xms64m");
        command.add("-Xmx1g");
        command.add("-D" + DETACHED_MARKER + "=true");
        if (Runtime.version().feature() >= 23) {
            // Kafka still calls sun.misc.Unsafe::invokeCleaner; without this the JVM prints a warning block
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        // logging settings given to this JVM apply to the broker's too
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("logback.") || name.equals(QuietLogging.LEVEL_PROPERTY)) {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        command.add(MAIN_CLASS);
        command.add("--port");
        command.add(Integer.toString(port));
        command.add("--datadir");
        command.add(dataDir().toString());
        if (secure != null) {
            for (SecureArgument argument : List.of(
                    new SecureArgument("--sasl-ssl-port", secure.saslSslPort()),
                    new SecureArgument("--ssl-port", secure.sslPort()),
                    new SecureArgument("--sasl-plaintext-port", secure.saslPlaintextPort()))) {
                if (argument.port() != SecureListeners.OFF) {
                    command.add(argument.option());
                    command.add(Integer.toString(argument.port()));
                }
            }
            command.add("--security-dir");
            command.add(securityDir().toString());
        }
        // a killed broker leaves its listeners behind: they are not this one's
        faust.devbroker.internal.SecureSetup.forgetListeners(securityDir());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile().toFile()));
        // the class path goes in the environment: it can be long, and the OS shows only the first few
        // kilobytes of a command line, where isOurs() needs to find the main class
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
        }
        Process process = builder.start();
        if (!devNull.exists()) {
            process.getOutputStream().close();
        }
        long pid = process.pid();
        writeAtomically(pidFile(), Long.toString(pid));
        writeAtomically(portFile(), Integer.toString(port));
        return awaitAnswer(process.toHandle(), process, pid, port, secure != null, deadline, timeout);
    }

    private record SecureArgument(String option, int port) {
    }

    private Status awaitAnswer(ProcessHandle handle, Process process, long pid, int port, boolean secure,
                               long deadline, Duration timeout) {
        while (true) {
            if (handle == null || !handle.isAlive()) {
                removeQuietly(pidFile());
                String exit = process != null ? exitCode(process) : "";
                throw new IllegalStateException("the Kafka dev broker exited" + exit + " before it was ready; see "
                        + logFile() + tail());
            }
            // with secured listeners it is ready once it wrote how to reach them (after the SCRAM user exists)
            ClientSecurity security = security();
            if ((!secure || security != null) && answersOn(port, Duration.ofMillis(500))) {
                return new Status(true, pid, port, dataDir(), logFile(), security);
            }
            if (System.nanoTime() >= deadline) {
                if (process != null) {
                    kill(handle);
                    removeQuietly(pidFile());
                }
                throw new IllegalStateException("the Kafka dev broker did not answer on localhost:" + port
                        + " within " + timeout.toSeconds() + " s; see " + logFile() + tail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka dev broker", e);
            }
        }
    }

    /**
     * Stops the detached broker: SIGTERM, then SIGKILL if it has not exited within {@link #STOP_TIMEOUT}.
     * Removes the pid file. Does nothing when none runs.
     *
     * @return whether a broker process was running and has been stopped
     */
    public boolean stop() {
        long pid = readNumber(pidFile());
        boolean stopped = false;
        if (pid > 0 && isOurs(pid)) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                stopped = terminate(handle.get(), STOP_TIMEOUT);
            }
        }
        removeQuietly(pidFile());
        return stopped;
    }

    private static String exitCode(Process process) {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return " with exit code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static boolean terminate(ProcessHandle handle, Duration timeout) {
        handle.destroy();
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return kill(handle);
        } catch (ExecutionException e) {
            return kill(handle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kill(handle);
        }
    }

    private static boolean kill(ProcessHandle handle) {
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported below
        }
        return !handle.isAlive();
    }

    /** Whether {@code pid} is alive and (as far as the OS tells) runs {@link DevBrokerMain}. */
    private static boolean isOurs(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<String> commandLine = handle.get().info().commandLine();
        Optional<String[]> arguments = handle.get().info().arguments();
        if (commandLine.isPresent()) {
            return commandLine.get().contains(MAIN_CLASS) || commandLine.get().contains(DETACHED_MARKER);
        }
        if (arguments.isPresent()) {
            List<String> args = List.of(arguments.get());
            return args.contains(MAIN_CLASS) || args.contains("-D" + DETACHED_MARKER + "=true");
        }
        return true; // the OS does not tell: trust the pid file
    }

    private static boolean answersOn(int port, Duration timeout) {
        return KafkaProbe.answers(DevBroker.DEFAULT_HOST, port, timeout);
    }

    private static String javaExecutable() {
        Optional<String> command = ProcessHandle.current().info().command();
        if (command.isPresent() && new File(command.get()).canExecute()) {
            return command.get();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "";
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return System.lineSeparator() + String.join(System.lineSeparator(), last);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static long readNumber(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort
        }
    }
}
