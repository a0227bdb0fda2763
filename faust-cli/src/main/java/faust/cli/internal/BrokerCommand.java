package faust.cli.internal;

import faust.ConfigException;
import faust.FaustException;
import faust.devbroker.ClientSecurity;
import faust.devbroker.DetachedBroker;
import faust.devbroker.DevBroker;
import faust.devbroker.SecureListeners;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code faust broker}: a real single-node Kafka (KRaft) for development, in the foreground until TERM or
 * INT; {@code faust broker start|stop|status} manage a detached one kept under
 * {@code ${FAUST_HOME:-~/.faust}/dev-broker}.
 */
@Command(name = "broker",
        sortOptions = false,
        customSynopsis = {"faust broker [--port PORT] [--datadir DIR] [SECURED]   (in the foreground)",
            "       faust broker start [--port PORT] [SECURED] | stop | status",
            "SECURED: [--sasl-ssl-port PORT] [--ssl-port PORT] [--sasl-plaintext-port PORT]"},
        description = {"Run a Kafka dev broker (single node, KRaft) in the foreground until TERM or INT; or manage"
                + " the detached one under $${FAUST_HOME:-~/.faust}/dev-broker with start, stop and status.",
            "",
            "The secured listeners are for trying TLS and SASL settings: the broker makes a CA, certificates"
                + " signed by it, a user 'faust' and a random password the first time, keeps them (next to the"
                + " data directory, in dev-broker/security for the default one) and prints where they are;"
                + " 'faust broker status' prints it again."},
        subcommands = {BrokerCommand.Start.class, BrokerCommand.Stop.class, BrokerCommand.Status.class})
public final class BrokerCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9092", scope = ScopeType.INHERIT,
            description = "client port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--sasl-ssl-port", paramLabel = "PORT", scope = ScopeType.INHERIT,
            description = "also open a SASL_SSL listener (TLS, then SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN);"
                    + " 0 picks a free port")
    Integer saslSslPort;

    @Option(names = "--ssl-port", paramLabel = "PORT", scope = ScopeType.INHERIT,
            description = "also open an SSL listener that requires a client certificate; 0 picks a free port")
    Integer sslPort;

    @Option(names = "--sasl-plaintext-port", paramLabel = "PORT", scope = ScopeType.INHERIT,
            description = "also open a SASL_PLAINTEXT listener (SCRAM or PLAIN without TLS); 0 picks a free port")
    Integer saslPlaintextPort;

    /** Created by picocli. */
    public BrokerCommand() {
    }

    /** @return the secured listeners asked for, or null for none */
    SecureListeners secureListeners(Path securityDir) {
        if (saslSslPort == null && sslPort == null && saslPlaintextPort == null) {
            return null;
        }
        return new SecureListeners(orOff("--sasl-ssl-port", saslSslPort), orOff("--ssl-port", sslPort),
                orOff("--sasl-plaintext-port", saslPlaintextPort), securityDir);
    }

    private static int orOff(String option, Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new ConfigException(option + " " + port + " is out of range: give a port from 0 (a free one)"
                    + " to 65535");
        }
        return port == null ? SecureListeners.OFF : port;
    }

    /** Prints how to reach the secured listeners, indented under the broker's line. */
    static void printSecurity(PrintWriter out, ClientSecurity security) {
        if (security != null) {
            security.describe().forEach(line -> out.println("  " + line));
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Context context = root.context;
        Path data = root.datadir != null ? root.workdir().resolve(root.datadir).normalize() : defaultDataDir();
        // beside the default data dir the detached broker's security dir, so both use the same certificates
        SecureListeners secure = secureListeners(root.datadir != null ? null : detached().securityDir());
        if (!root.debug) {
            LogSetup.quietKafkaBroker();
        }
        DevBroker broker;
        try {
            broker = DevBroker.start(new DevBroker.Options(port, data, null).withSecureListeners(secure));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new FaustException("the Kafka dev broker did not start: " + e.getMessage(), e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(broker::close, "faust-broker-shutdown");
        SignalHandlers signals = null;
        if (context.process()) {
            signals = SignalHandlers.onStop(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
        }
        PrintWriter out = context.out();
        out.println("Kafka dev broker ready on " + broker.bootstrapServers() + " (data: " + broker.dataDir()
                + "); Ctrl-C or TERM stops it");
        printSecurity(out, broker.security().orElse(null));
        out.flush();
        try {
            stop.await();
        } finally {
            broker.close();
            if (signals != null) {
                signals.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook closes it (again; close is idempotent)
                }
            }
        }
        out.println("Kafka dev broker stopped");
        return 0;
    }

    private Path defaultDataDir() {
        return detached().dataDir();
    }

    DetachedBroker detached() {
        return new DetachedBroker(root.faustHome());
    }

    /** {@code faust broker start}. */
    @Command(name = "start", customSynopsis = {"faust broker start [--port PORT] [--sasl-ssl-port PORT] [--ssl-port PORT]",
        "                   [--sasl-plaintext-port PORT]"},
            description = "Start the detached dev broker (or show the one running) and return once"
            + " it answers. Its data and log are kept under $${FAUST_HOME:-~/.faust}/dev-broker, the files of its"
            + " secured listeners in dev-broker/security.")
    public static final class Start implements Callable<Integer> {
        @ParentCommand
        BrokerCommand broker;

        @Mixin
        HelpOption help;

        /** Created by picocli. */
        public Start() {
        }

        @Override
        public Integer call() {
            if (broker.root.datadir != null) {
                throw new ConfigException("'faust broker start' keeps its data in " + broker.defaultDataDir()
                        + ": set FAUST_HOME to keep it elsewhere, or run 'faust broker --datadir DIR' in the"
                        + " foreground");
            }
            SecureListeners secure = broker.secureListeners(null);
            DetachedBroker.Status status;
            try {
                status = broker.detached().start(broker.port, secure, DetachedBroker.START_TIMEOUT);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new FaustException("the Kafka dev broker did not start: " + e.getMessage(), e);
            }
            PrintWriter out = broker.root.context.out();
            out.println("Kafka dev broker " + status.describe());
            printSecurity(out, status.security());
            if (secure != null && status.security() == null) {
                out.println("  (it was already running without secured listeners: 'faust broker stop' first)");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code faust broker stop}. */
    @Command(name = "stop", customSynopsis = "faust broker stop", description = "Stop the detached dev broker (TERM, then KILL after 30 s).")
    public static final class Stop implements Callable<Integer> {
        @ParentCommand
        BrokerCommand broker;

        @Mixin
        HelpOption help;

        /** Created by picocli. */
        public Stop() {
        }

        @Override
        public Integer call() {
            boolean stopped = broker.detached().stop();
            PrintWriter out = broker.root.context.out();
            out.println(stopped ? "Kafka dev broker stopped" : "no Kafka dev broker was running");
            out.flush();
            return 0;
        }
    }

    /** {@code faust broker status}. */
    @Command(name = "status", customSynopsis = "faust broker status", description = "Show whether the detached dev broker runs, where, and its pid.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:it runs", "1:it does not run"})
    public static final class Status implements Callable<Integer> {
        @ParentCommand
        BrokerCommand broker;

        @Mixin
        HelpOption help;

        /** Created by picocli. */
        public Status() {
        }

        @Override
        public Integer call() {
            DetachedBroker.Status status = broker.detached().status();
            PrintWriter out = broker.root.context.out();
            out.println("Kafka dev broker " + status.describe());
            printSecurity(out, status.security());
            out.flush();
            return status.running() ? 0 : 1;
        }
    }
}
