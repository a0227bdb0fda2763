package faust.cli.internal;

import faust.ConfigException;
import faust.FaustException;
import faust.devbroker.DetachedBroker;
import faust.devbroker.DevBroker;
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
        customSynopsis = {"faust broker [--port PORT] [--datadir DIR]     (in the foreground)",
            "       faust broker start [--port PORT] | stop | status"},
        description = "Run a Kafka dev broker (single node, KRaft) in the foreground until TERM or INT; or manage"
                + " the detached one under $${FAUST_HOME:-~/.faust}/dev-broker with start, stop and status.",
        subcommands = {BrokerCommand.Start.class, BrokerCommand.Stop.class, BrokerCommand.Status.class})
public final class BrokerCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9092", scope = ScopeType.INHERIT,
            description = "client port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    /** Created by picocli. */
    public BrokerCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        Context context = root.context;
        Path data = root.datadir != null ? root.workdir().resolve(root.datadir).normalize() : defaultDataDir();
        if (!root.debug) {
            LogSetup.quietKafkaBroker();
        }
        DevBroker broker;
        try {
            broker = DevBroker.start(new DevBroker.Options(port, data, null));
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
    @Command(name = "start", customSynopsis = "faust broker start [--port PORT]", description = "Start the detached dev broker (or show the one running) and return once"
            + " it answers. Its data and log are kept under $${FAUST_HOME:-~/.faust}/dev-broker.")
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
            DetachedBroker.Status status;
            try {
                status = broker.detached().start(broker.port);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new FaustException("the Kafka dev broker did not start: " + e.getMessage(), e);
            }
            PrintWriter out = broker.root.context.out();
            out.println("Kafka dev broker " + status.describe());
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
            out.flush();
            return status.running() ? 0 : 1;
        }
    }
}
