package faust.cli.internal;

import faust.App;
import faust.ConfigException;
import faust.Setting;
import faust.Settings;
import faust.worker.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code faust} command and its global options. The options are inherited by every sub-command, so
 * they are accepted before or after it: {@code faust -A proj worker -l info} and
 * {@code faust -l info -A proj worker} mean the same.
 */
@Command(name = "faust",
        sortOptions = false,
        description = "Faust for Java: stream processing with Apache Kafka.",
        synopsisSubcommandLabel = "COMMAND",
        versionProvider = VersionProvider.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            ExitCodes.OK + ":success (worker: warm shutdown completed)",
            ExitCodes.FAILED + ":failed (worker failure, broker not reachable, send failed)",
            ExitCodes.USAGE + ":bad usage (unknown option, bad value, app not found or not compiling)",
            ExitCodes.COLD + ":worker: cold shutdown (QUIT)",
            ExitCodes.SHUTDOWN_TIMEOUT + ":worker: warm shutdown exceeded --shutdown-timeout"},
        footer = {"%nRun 'faust COMMAND --help' for the options of a command."})
public final class RootCommand implements Callable<Integer> {
    final Context context;

    @Mixin
    HelpOption help;

    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    @Option(names = {"-A", "--app"}, paramLabel = "APP", scope = ScopeType.INHERIT,
            description = "the app: MODULE (MODULE.java in the working directory, compiled in memory), "
                    + "path/File.java, or a class on the class path (com.example.Proj); add :FIELD to pick "
                    + "one of several static App fields")
    String app;

    @Option(names = {"-D", "--datadir"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "worker data directory (default: <app id>-data in the working directory; "
                    + "env FAUST_DATADIR); for 'faust broker': the broker's data directory")
    String datadir;

    @Option(names = {"-W", "--workdir"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "working directory: where -A MODULE looks for MODULE.java and relative paths "
                    + "resolve (default: the current directory)")
    String workdir;

    @Option(names = {"-l", "--loglevel"}, paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            defaultValue = "warn", converter = LogLevel.Converter.class,
            description = "log level: crit, error, warn, info or debug (default: ${DEFAULT-VALUE})")
    LogLevel loglevel;

    @Option(names = {"-f", "--logfile"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "append the log to FILE (default: stderr)")
    String logfile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "list commands print JSON instead of a table")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "print no banner and no send results (errors still go to stderr)")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "show stack traces of errors; do not quiet the Kafka client and web server logs")
    boolean debug;

    @Option(names = "--broker", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Kafka broker URL(s), kafka://host:port[;kafka://host2:port] (env FAUST_BROKER_URL; "
                    + "default: the app's, else kafka://localhost:9092)")
    String broker;

    @Option(names = "--classpath", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "extra class path for the app: directories and jars, DIR/* for every jar in DIR, "
                    + "separated by ':' (added to env FAUST_CLASSPATH)")
    String classpath;

    /** The app {@code -A} names, loaded before parsing (for its commands), or null. */
    App preloaded;

    /** @param context streams, environment and working directory of this run */
    public RootCommand(Context context) {
        this.context = context;
    }

    /** Without a command: a short usage on stderr, status 2. */
    @Override
    public Integer call() {
        context.err().println("Usage: faust [-A APP] [OPTIONS] COMMAND [ARGS]...");
        StringBuilder own = new StringBuilder();
        if (preloaded != null || context.app() != null) {
            App a = preloaded != null ? preloaded : context.app();
            a.commands().forEach(c -> own.append(", ").append(c.name()));
        }
        context.err().println("Commands: worker, send, agents, tables, models, model, reset, status, broker" + own + ".");
        context.err().println("Run 'faust --help' for the options, 'faust COMMAND --help' for a command's.");
        return ExitCodes.USAGE;
    }

    /**
     * @return the working directory: {@code -W} resolved against the current directory, or the current one
     * @throws ConfigException when {@code -W} is not a directory
     */
    Path workdir() {
        if (workdir == null) {
            return context.cwd();
        }
        Path dir = context.cwd().resolve(workdir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("-W/--workdir " + workdir + " is not a directory (" + dir + ")");
        }
        return dir;
    }

    /** @return the Faust home: {@code $FAUST_HOME}, else {@code ~/.faust} */
    Path faustHome() {
        String home = context.getenv("FAUST_HOME");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".faust");
    }

    /**
     * @return where compiled app files are kept between starts ({@code <FAUST_HOME>/cache/apps}), or null
     *     when {@code FAUST_COMPILE_CACHE=0}
     */
    Path compileCache() {
        return "0".equals(context.getenv("FAUST_COMPILE_CACHE")) ? null
                : faustHome().resolve("cache").resolve("apps");
    }

    /** @return the settings given by global flags ({@code --broker}, {@code --datadir}), by flag */
    Map<Setting, Settings.Flag> settingFlags() {
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        if (broker != null) {
            flags.put(Setting.BROKER, new Settings.Flag("--broker", broker));
        }
        if (datadir != null) {
            flags.put(Setting.DATADIR, new Settings.Flag("--datadir", datadir));
        }
        return flags;
    }

    /**
     * The app a command runs: the one given to {@code app.main(args)}, or the one {@code -A} names.
     *
     * @param command the command's name, for the error message
     * @return the app, not yet configured
     * @throws ConfigException when no app was given or it cannot be loaded
     */
    App app(String command) {
        if (context.app() != null) {
            return context.app();
        }
        if (preloaded != null) {
            return preloaded;
        }
        if (app == null) {
            throw new ConfigException("'faust " + command + "' needs an app: give -A MODULE (MODULE.java in the"
                    + " working directory), e.g. 'faust -A proj " + command + "', or -A com.example.Class");
        }
        Path dir = workdir();
        AppLoader loader = new AppLoader(dir, ClassPathEntries.of(classpath, context.getenv("FAUST_CLASSPATH"), dir),
                RootCommand.class.getClassLoader(), compileCache());
        AppLoader.Loaded loaded = loader.load(app);
        // agents' virtual threads inherit it: libraries that look classes up by name find the app's
        Thread.currentThread().setContextClassLoader(loaded.loader());
        return loaded.app();
    }

    /** @return whether an app was given with -A or by the caller */
    boolean hasApp() {
        return context.app() != null || app != null;
    }
}
