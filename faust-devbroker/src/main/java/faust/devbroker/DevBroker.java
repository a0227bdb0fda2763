package faust.devbroker;

import faust.devbroker.internal.FileTrees;
import faust.devbroker.internal.KRaftNode;
import faust.devbroker.internal.SecureSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one node) running inside this JVM,
 * for development and integration tests.
 *
 * <pre>{@code
 * try (DevBroker broker = DevBroker.start(DevBroker.Options.defaults().withPort(0))) {
 *     String bootstrap = broker.bootstrapServers();   // "localhost:41234"
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start} formats the data directory the first time (when it has no {@code meta.properties}) and
 * reuses it afterwards, so topics and records survive a restart on the same directory. Without a data
 * directory the broker uses a fresh temporary one and deletes it on {@link #close}.
 *
 * <p>With {@link Options#withSecureListeners secured listeners} it also serves SASL_SSL, SSL (mutual TLS)
 * and SASL_PLAINTEXT clients; {@link #security()} says how to connect.
 *
 * <p>Kafka logs through SLF4J; this class adds no logging backend. Note that the Kafka server halts the JVM
 * on a few unrecoverable internal faults (as it does when it runs on its own).
 */
public final class DevBroker implements AutoCloseable {
    /** The port a dev broker listens on by default, the Kafka and Faust default. */
    public static final int DEFAULT_PORT = 9092;
    /** The host a dev broker binds to and advertises by default. */
    public static final String DEFAULT_HOST = "localhost";
    /** How long {@link #start} waits for the broker to be ready by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close} waits for the broker to stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KRaftNode node;
    private final boolean deleteDataDirOnClose;
    private final long startMillis;
    private final ClientSecurity security;
    private final Path temporarySecurityDir;

    private DevBroker(KRaftNode node, boolean deleteDataDirOnClose, long startMillis, ClientSecurity security,
                      Path temporarySecurityDir) {
        this.node = node;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        this.startMillis = startMillis;
        this.security = security;
        this.temporarySecurityDir = temporarySecurityDir;
    }

    /**
     * How to start a dev broker.
     *
     * @param port the client port; 0 picks a free one (see {@link DevBroker#port()})
     * @param dataDir the Kafka log directory; {@code null} means a fresh temporary directory deleted on close
     * @param host the host to bind to and advertise, {@code localhost} when {@code null}
     * @param startTimeout how long {@link DevBroker#start} waits for the broker to be ready; default when null
     * @param brokerProperties extra Kafka broker properties, applied over the dev broker's own (may be empty)
     * @param secureListeners SASL_SSL, SSL and SASL_PLAINTEXT listeners to open as well; {@code null} for none
     */
    public record Options(int port, Path dataDir, String host, Duration startTimeout,
                          Map<String, String> brokerProperties, SecureListeners secureListeners) {
        /** Validates the options and fills in defaults for {@code null} host, timeout and properties. */
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            host = host == null || host.isBlank() ? DEFAULT_HOST : host;
            startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
            }
            brokerProperties = brokerProperties == null ? Map.of() : Map.copyOf(brokerProperties);
        }

        /**
         * Options without secured listeners.
         *
         * @param port the client port; 0 picks a free one
         * @param dataDir the Kafka log directory; {@code null} means a fresh temporary directory
         * @param host the host to bind to and advertise, {@code localhost} when {@code null}
         * @param startTimeout how long to wait for the broker to be ready; default when null
         * @param brokerProperties extra Kafka broker properties (may be null)
         */
        public Options(int port, Path dataDir, String host, Duration startTimeout,
                       Map<String, String> brokerProperties) {
            this(port, dataDir, host, startTimeout, brokerProperties, null);
        }

        /**
         * Port, data directory and host; default timeout, no extra properties.
         *
         * @param port the client port; 0 picks a free one
         * @param dataDir the Kafka log directory; {@code null} means a fresh temporary directory
         * @param host the host to bind to and advertise, {@code localhost} when {@code null}
         */
        public Options(int port, Path dataDir, String host) {
            this(port, dataDir, host, null, null, null);
        }

        /**
         * Port {@value DevBroker#DEFAULT_PORT}, a temporary data directory, host {@code localhost}.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(DEFAULT_PORT, null, DEFAULT_HOST);
        }

        /**
         * A copy with another port.
         *
         * @param port the client port, 0 for a free one
         * @return the new options
         */
        public Options withPort(int port) {
            return new Options(port, dataDir, host, startTimeout, brokerProperties, secureListeners);
        }

        /**
         * A copy with another data directory.
         *
         * @param dataDir the log directory, {@code null} for a temporary one
         * @return the new options
         */
        public Options withDataDir(Path dataDir) {
            return new Options(port, dataDir, host, startTimeout, brokerProperties, secureListeners);
        }

        /**
         * A copy with another host.
         *
         * @param host the host to bind to and advertise
         * @return the new options
         */
        public Options withHost(String host) {
            return new Options(port, dataDir, host, startTimeout, brokerProperties, secureListeners);
        }

        /**
         * A copy with another start timeout.
         *
         * @param startTimeout how long to wait for the broker to be ready
         * @return the new options
         */
        public Options withStartTimeout(Duration startTimeout) {
            return new Options(port, dataDir, host, startTimeout, brokerProperties, secureListeners);
        }

        /**
         * A copy with extra Kafka broker properties (replacing earlier extra properties).
         *
         * @param brokerProperties properties such as {@code log.retention.ms}, applied last
         * @return the new options
         */
        public Options withBrokerProperties(Map<String, String> brokerProperties) {
            return new Options(port, dataDir, host, startTimeout, brokerProperties, secureListeners);
        }

        /**
         * A copy that opens secured listeners as well.
         *
         * @param secureListeners the listeners, {@code null} for none
         * @return the new options
         */
        public Options withSecureListeners(SecureListeners secureListeners) {
            return new Options(port, dataDir, host, startTimeout, brokerProperties, secureListeners);
        }
    }

    /**
     * Starts a broker with the {@link Options#defaults() default options} on a free port.
     *
     * @return the running broker
     * @throws IllegalStateException if it cannot start (see {@link #start(Options)})
     */
    public static DevBroker startOnFreePort() {
        return start(Options.defaults().withPort(0));
    }

    /**
     * Starts a broker and returns once it serves clients.
     *
     * @param options where and how
     * @return the running broker
     * @throws IllegalStateException with a one-line reason when it cannot start: the port is in use
     *     ({@code "port 9092 is already in use: ..."}), the data directory is locked by another broker or
     *     unusable, the secured listeners cannot be set up, or the broker is not ready within the start
     *     timeout
     */
    public static DevBroker start(Options options) {
        Objects.requireNonNull(options, "options");
        long begin = System.nanoTime();
        boolean temporary = options.dataDir() == null;
        Path dataDir = null;
        Path temporarySecurityDir = null;
        KRaftNode node = null;
        try {
            dataDir = temporary ? Files.createTempDirectory("faust-devbroker-") : options.dataDir();
            SecureSetup secure = null;
            Map<String, String> properties = options.brokerProperties();
            List<KRaftNode.Listener> listeners = List.of();
            if (options.secureListeners() != null) {
                Path securityDir = options.secureListeners().dir();
                if (securityDir == null && temporary) {
                    securityDir = temporarySecurityDir = Files.createTempDirectory("faust-devbroker-security-");
                } else if (securityDir == null) {
                    securityDir = defaultSecurityDir(dataDir);
                }
                secure = SecureSetup.prepare(options.secureListeners(), options.host(), securityDir);
                listeners = secure.listeners();
                Map<String, String> merged = new HashMap<>(secure.brokerProperties());
                merged.putAll(options.brokerProperties());
                properties = merged;
            }
            long deadline = begin + options.startTimeout().toNanos();
            node = KRaftNode.start(options.host(), options.port(), dataDir, options.startTimeout(), properties,
                    listeners);
            ClientSecurity security = secure == null ? null
                    : secure.finish(node, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            return new DevBroker(node, temporary, (System.nanoTime() - begin) / 1_000_000L, security,
                    temporarySecurityDir);
        } catch (IOException e) {
            cleanUp(node, temporary ? dataDir : null, temporarySecurityDir);
            throw new IllegalStateException("cannot create a temporary directory: " + e, e);
        } catch (RuntimeException | Error e) {
            cleanUp(node, temporary ? dataDir : null, temporarySecurityDir);
            throw e;
        }
    }

    private static void cleanUp(KRaftNode node, Path temporaryDataDir, Path temporarySecurityDir) {
        boolean stopped = node == null || node.stop(CLOSE_TIMEOUT);
        if (stopped && temporaryDataDir != null) {
            FileTrees.deleteQuietly(temporaryDataDir);
        }
        if (temporarySecurityDir != null) {
            FileTrees.deleteQuietly(temporarySecurityDir);
        }
    }

    /**
     * Where a broker with secured listeners keeps their files when {@link SecureListeners#dir()} is not set:
     * next to the data directory, named after it with {@code -security} appended (not inside it: Kafka takes
     * every directory there for a partition).
     *
     * @param dataDir the data directory
     * @return {@code <dataDir>-security}
     */
    public static Path defaultSecurityDir(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + "-security");
    }

    /**
     * The address clients connect to.
     *
     * @return {@code host:port}, for example {@code localhost:9092}
     */
    public String bootstrapServers() {
        return node.host() + ":" + node.port();
    }

    /**
     * The client port (the real one when the options asked for port 0).
     *
     * @return the port
     */
    public int port() {
        return node.port();
    }

    /**
     * The host the broker binds to and advertises.
     *
     * @return the host
     */
    public String host() {
        return node.host();
    }

    /**
     * The port of the KRaft controller listener (not for clients).
     *
     * @return the controller port
     */
    public int controllerPort() {
        return node.controllerPort();
    }

    /**
     * The Kafka log directory.
     *
     * @return the absolute data directory
     */
    public Path dataDir() {
        return node.dataDir();
    }

    /**
     * How clients connect to the secured listeners.
     *
     * @return their addresses, user, password and files; empty when the broker has no secured listeners
     */
    public Optional<ClientSecurity> security() {
        return Optional.ofNullable(security);
    }

    /**
     * How long {@link #start} took, until the broker answered.
     *
     * @return the start time
     */
    public Duration startupTime() {
        return Duration.ofMillis(startMillis);
    }

    /**
     * Whether the broker runs: not closed, and it answers a Kafka request within one second.
     *
     * @return whether it runs
     */
    public boolean isRunning() {
        return !node.isStopped() && DetachedBroker.answers(bootstrapServers(), Duration.ofSeconds(1));
    }

    /**
     * Waits until the broker answers a Kafka request. {@link #start} already does this; it is useful to check
     * that a long-running broker is still healthy.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException if it does not answer in time, or was closed
     */
    public void awaitReady(Duration timeout) {
        node.awaitAnswers(timeout);
    }

    /**
     * Stops the broker (waiting at most {@link #CLOSE_TIMEOUT}) and, if it used a temporary data directory,
     * deletes it. Idempotent.
     */
    @Override
    public void close() {
        boolean stopped = node.stop(CLOSE_TIMEOUT);
        if (deleteDataDirOnClose && stopped) {
            FileTrees.deleteQuietly(node.dataDir());
        }
        if (temporarySecurityDir != null && stopped) {
            FileTrees.deleteQuietly(temporarySecurityDir);
        } else if (security != null) {
            SecureSetup.forgetListeners(security.dir());
        }
    }

    /**
     * Describes this broker.
     *
     * @return a short description with the address and data directory
     */
    @Override
    public String toString() {
        return "DevBroker[" + bootstrapServers() + ", data: " + dataDir() + "]";
    }
}
