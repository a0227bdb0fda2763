package faust.cli.internal;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.spi.Apps;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code faust -A APP worker}: runs the app's agents and timers until TERM/INT (warm shutdown), QUIT
 * (cold) or a failure. Flags map onto settings; only flags actually given override {@code FAUST_*}
 * variables and app code.
 */
@Command(name = "worker",
        sortOptions = false,
        customSynopsis = "faust -A APP [GLOBAL OPTIONS] worker [OPTIONS]",
        description = "Start a worker: consume the app's topics and run its agents, timers, crontabs, tasks and"
                + " pages until TERM or INT"
                + " (warm shutdown) or QUIT (cold shutdown).",
        defaultValueProvider = WorkerDefaults.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            ExitCodes.OK + ":warm shutdown completed: in-flight events finished, offsets committed",
            ExitCodes.FAILED + ":the worker failed (broker not reachable, a send was lost, error_policy=stop)",
            ExitCodes.USAGE + ":bad usage: unknown option, bad value, bad app, datadir or web port in use",
            ExitCodes.COLD + ":cold shutdown (QUIT) or a second TERM/INT: only fully acked offsets committed",
            ExitCodes.SHUTDOWN_TIMEOUT + ":the warm shutdown did not finish within --shutdown-timeout; the stuck"
                + " agents were logged with their stacks",
            "137:KILLed (128 + 9); also when the launcher was KILLed: nothing committed"},
        footer = {"%nSignals, to the pid the banner shows (bin/faust forwards them to the JVM):",
            "  TERM, INT  warm shutdown: stop fetching, let each agent finish the event it",
            "             is processing, flush, commit, leave the group (status 0); a",
            "             second TERM or INT makes it cold",
            "  QUIT       cold shutdown: stop at once, commit only the events already",
            "             finished; the others are redone later (status 3)",
            "  USR1       print the stacks of all threads, the agents' included, to",
            "             stderr; the worker goes on",
            "  KILL       nothing is committed: another worker or the next start redoes",
            "             the events that were not committed",
            "Subprocesses that agents started are terminated when the worker stops.",
            "",
            "The web server answers GET / (status and Faust's Monitor fields), /health, /metrics (Prometheus) and"
                + " /dashboard (the whole cluster, live); 'faust status' prints the cluster in the terminal;"
                + " metrics_enabled=false (env FAUST_METRICS_ENABLED) turns the metrics off.",
            "",
            "Without a broker configured (app code, --broker, FAUST_BROKER_URL) the worker uses"
                + " kafka://localhost:9092 and starts the dev broker there if none answers."})
public final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = {"-p", "--web-port"}, paramLabel = "PORT",
            description = "web server port; 0 picks a free one (default: ${DEFAULT-VALUE}; env FAUST_WEB_PORT)")
    int webPort;

    @Option(names = {"-b", "--web-bind"}, paramLabel = "ADDRESS",
            description = "address the web server listens on (default: ${DEFAULT-VALUE}; env FAUST_WEB_BIND)")
    String webBind;

    @Option(names = "--web-host", paramLabel = "HOST",
            description = "host name other workers use to reach this one (default: the --web-bind address, or"
                    + " this machine's name when it is 0.0.0.0; env FAUST_WEB_HOST)")
    String webHost;

    @Option(names = "--with-web", description = "run the web server (default; env FAUST_WEB_ENABLED)")
    boolean withWeb;

    @Option(names = "--without-web", description = "do not run the web server")
    boolean withoutWeb;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            description = "how long a warm shutdown may take before the worker logs the stuck agents and exits"
                    + " with status " + ExitCodes.SHUTDOWN_TIMEOUT + "; seconds or 500ms, 10s, 2m"
                    + " (default: ${DEFAULT-VALUE}; env FAUST_SHUTDOWN_TIMEOUT)")
    String shutdownTimeout;

    @Option(names = "--blocking-timeout", paramLabel = "SECONDS",
            description = "warn when one event takes longer than this; 0 = off"
                    + " (default: ${DEFAULT-VALUE}; env FAUST_BLOCKING_TIMEOUT)")
    String blockingTimeout;

    /** Created by picocli. */
    public WorkerCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        Context context = root.context;
        App app = root.app("worker");
        Settings settings = Apps.configure(app, context.env(), settingFlags());
        DevBrokerAutoStart.ensure(settings, root.faustHome());
        // probed here first: the worker's Kafka admin client would log a warning per retry while it waits
        BrokerCheck.require(settings, settings.duration(Setting.BROKER_CONNECT_TIMEOUT));
        Worker worker = new Worker(app, new Worker.Options(root.workdir(), logDescription(), context.pid()));
        context.workers().accept(worker);
        return new WorkerRun(worker, context, root.quiet).run();
    }

    /** @return global and worker flags the user gave, by setting */
    Map<Setting, Settings.Flag> settingFlags() {
        Map<Setting, Settings.Flag> flags = root.settingFlags();
        for (ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
            if (!(arg instanceof OptionSpec option)) {
                continue;
            }
            String name = option.longestName();
            Setting setting = WorkerDefaults.SETTINGS.get(name);
            if (setting != null) {
                flags.put(setting, new Settings.Flag(name, String.valueOf((Object) option.getValue())));
            } else if (name.equals("--with-web") || name.equals("--without-web")) {
                flags.put(Setting.WEB_ENABLED, new Settings.Flag(name, Boolean.toString(name.equals("--with-web"))));
            }
        }
        return flags;
    }

    private String logDescription() {
        String where = root.logfile == null ? "-stderr-" : root.workdir().resolve(root.logfile).toString();
        return where + " (" + root.loglevel.text() + ")";
    }
}
