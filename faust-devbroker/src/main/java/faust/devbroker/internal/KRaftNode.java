package faust.devbroker.internal;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka node in KRaft combined mode (broker and controller in this JVM), built on
 * {@link KafkaRaftServer}, the class {@code kafka-server-start.sh} runs.
 *
 * <p>Not thread-safe: start it once, stop it once ({@link #stop} is idempotent).
 */
public final class KRaftNode {
    private static final Logger LOG = LoggerFactory.getLogger(KRaftNode.class);

    /** Name of the client listener. */
    public static final String BROKER_LISTENER = "PLAINTEXT";
    /** Name of the controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The node id of the single node. */
    public static final int NODE_ID = 1;

    private final String host;
    private final int port;
    private final int controllerPort;
    private final List<Listener> extraListeners;
    private final Path dataDir;
    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private volatile boolean stopped;

    private KRaftNode(String host, int port, int controllerPort, List<Listener> extraListeners, Path dataDir,
                      KafkaRaftServer server, DataDirLock lock) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.extraListeners = List.copyOf(extraListeners);
        this.dataDir = dataDir;
        this.server = server;
        this.lock = lock;
    }

    /**
     * A client listener besides the plaintext one.
     *
     * @param name the listener's name, which is also its security protocol ({@code SASL_SSL}, {@code SSL},
     *     {@code SASL_PLAINTEXT})
     * @param port its port; 0 picks a free one
     */
    public record Listener(String name, int port) {
    }

    /** The host the listeners bind to and the broker advertises. */
    public String host() {
        return host;
    }

    /** The client (PLAINTEXT) port. */
    public int port() {
        return port;
    }

    /** The controller port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The extra client listeners, with their real ports. */
    public List<Listener> extraListeners() {
        return extraListeners;
    }

    /** The log directory (also the metadata log directory). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Formats {@code dataDir} if it was never formatted, then starts the node and returns once the broker
     * serves clients (Kafka's own startup waits until the broker is registered and unfenced) and answers an
     * {@code ApiVersions} request.
     *
     * @param port the client port, or 0 to pick a free one
     * @param overrides extra broker properties, applied last
     * @param extraListeners client listeners besides the plaintext one (their settings go in
     *     {@code overrides})
     * @throws IllegalStateException when a port is in use, the data dir cannot be used, or the node does
     *     not become ready within {@code startTimeout}
     */
    public static KRaftNode start(String host, int port, Path dataDir, Duration startTimeout,
                                  Map<String, String> overrides, List<Listener> extraListeners) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data dir " + dir + ": " + e, e);
        }
        // Kafka locks the data dir only when the broker starts, after the controller has already opened the
        // metadata log in it: a second broker on the same dir would write to that log before it fails.
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            return startLocked(host, port, dir, startTimeout, deadline, overrides, extraListeners, lock);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static KRaftNode startLocked(String host, int port, Path dir, Duration startTimeout, long deadline,
                                         Map<String, String> overrides, List<Listener> extraListeners,
                                         DataDirLock lock) {
        Set<Integer> fixed = new java.util.HashSet<>();
        if (port != 0) {
            fixed.add(port);
        }
        extraListeners.stream().filter(l -> l.port() != 0).forEach(l -> fixed.add(l.port()));
        // A port we picked ourselves may be taken by someone else before Kafka binds it: then try again.
        for (int attempt = 1; ; attempt++) {
            for (int p : fixed) {
                Ports.requireFree(host, p);
            }
            int clientPort = port == 0 ? Ports.pickFree(host) : port;
            int controllerPort = Ports.pickFree(host);
            List<Listener> extra = new java.util.ArrayList<>();
            for (Listener l : extraListeners) {
                extra.add(new Listener(l.name(), l.port() == 0 ? Ports.pickFree(host) : l.port()));
            }
            try {
                return attempt(host, clientPort, controllerPort, extra, dir, startTimeout, deadline, overrides,
                        lock);
            } catch (PortRace race) {
                if (attempt >= 3 || fixed.contains(race.port)) {
                    throw Ports.portInUse(host, race.port, race.getCause());
                }
                LOG.debug("port {} was taken before Kafka could bind it, trying again", race.port);
            }
        }
    }

    private static KRaftNode attempt(String host, int port, int controllerPort, List<Listener> extra, Path dir,
                                     Duration startTimeout, long deadline, Map<String, String> overrides,
                                     DataDirLock lock)
            throws PortRace {
        Map<String, Object> props = config(host, port, controllerPort, extra, dir, startTimeout, overrides);
        KafkaConfig config;
        try {
            config = new KafkaConfig(props, false);
        } catch (RuntimeException e) {
            throw new IllegalStateException("invalid Kafka configuration: " + e.getMessage(), e);
        }
        formatIfNeeded(dir);

        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot use data dir " + dir + ": " + messages(e), e);
        }
        KRaftNode node = new KRaftNode(host, port, controllerPort, extra, dir, server, null);
        try {
            server.startup();
        } catch (Throwable e) {
            node.stop(Duration.ofSeconds(30));
            if (isBindFailure(e)) {
                String text = messages(e);
                int which = port;
                if (text.contains(":" + controllerPort)) {
                    which = controllerPort;
                }
                for (Listener l : extra) {
                    if (text.contains(":" + l.port())) {
                        which = l.port();
                    }
                }
                throw new PortRace(which, e);
            }
            if (messages(e).contains(".lock")) {
                throw new IllegalStateException("data dir " + dir
                        + " is in use by another Kafka broker: " + messages(e), e);
            }
            throw new IllegalStateException("Kafka dev broker failed to start: " + messages(e), e);
        }
        try {
            node.awaitAnswers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (IllegalStateException e) {
            node.stop(Duration.ofSeconds(30));
            throw e;
        }
        return new KRaftNode(host, port, controllerPort, extra, dir, server, lock);
    }

    /** Kafka could not bind a port. */
    private static final class PortRace extends Exception {
        private static final long serialVersionUID = 1L;
        final int port;

        PortRace(int port, Throwable cause) {
            super("port " + port + " is already in use", cause);
            this.port = port;
        }
    }

    /** Waits until the broker answers an {@code ApiVersions} request, or throws after {@code timeout}. */
    public void awaitAnswers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (stopped) {
                throw new IllegalStateException("the Kafka dev broker on " + host + ":" + port + " was stopped");
            }
            long remaining = deadline - System.nanoTime();
            if (KafkaProbe.answers(host, port, Duration.ofNanos(Math.max(1, Math.min(remaining,
                    TimeUnit.SECONDS.toNanos(1)))))) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("the Kafka dev broker on " + host + ":" + port
                        + " did not answer within " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka dev broker", e);
            }
        }
    }

    /** Whether {@link #stop} was called. */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * Shuts the node down (controlled shutdown of the broker, then the controller) and waits for it, at most
     * {@code timeout}; past that it gives up waiting and leaves the rest to the JVM. Idempotent.
     *
     * @return whether the shutdown completed within the timeout
     */
    public synchronized boolean stop(Duration timeout) {
        if (stopped) {
            return true;
        }
        stopped = true;
        Thread stopper = new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable e) {
                LOG.warn("error while stopping the Kafka dev broker", e);
            }
        }, "faust-devbroker-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("the Kafka dev broker on {}:{} did not stop within {} ms", host, port, timeout.toMillis());
            return false;
        }
        if (lock != null) {
            lock.close();
        }
        return true;
    }

    private static Map<String, Object> config(String host, int port, int controllerPort, List<Listener> extra,
                                              Path dir, Duration startTimeout, Map<String, String> overrides) {
        StringBuilder listeners = new StringBuilder(BROKER_LISTENER + "://" + host + ":" + port);
        StringBuilder protocols = new StringBuilder(BROKER_LISTENER + ":PLAINTEXT");
        for (Listener l : extra) {
            listeners.append(',').append(l.name()).append("://").append(host).append(':').append(l.port());
            protocols.append(',').append(l.name()).append(':').append(l.name());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // static voters: the controller port may change from one start to the next without harm
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", listeners + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", listeners.toString());
        p.put("listener.security.protocol.map", protocols + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("log.dirs", dir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the log cleaner allocates this buffer up front; 128 MiB by default is a lot for a dev broker
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.put("server.max.startup.time.ms", Long.toString(Math.max(1000, startTimeout.toMillis())));
        Set<String> known = KafkaConfig.configDef().names();
        p.keySet().removeIf(key -> !known.contains(key));
        if (overrides != null) {
            p.putAll(overrides);
        }
        return p;
    }

    private static void formatIfNeeded(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format data dir " + dir + ": " + messages(e), e);
        }
        LOG.debug("formatted {}: {}", dir, output.toString(StandardCharsets.UTF_8).strip());
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Address already in use")
                    || message.contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    /** The distinct messages along the cause chain, joined with ": ". */
    public static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (text.indexOf(message) < 0) {
                if (!text.isEmpty()) {
                    text.append(": ");
                }
                text.append(message);
            }
        }
        return text.toString();
    }
}
