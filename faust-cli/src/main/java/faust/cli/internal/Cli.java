package faust.cli.internal;

import faust.App;
import faust.FaustException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code faust} command line, runnable in-process: builds the picocli command tree on a
 * {@link Context}, sets up logging once the arguments are parsed, runs the command and maps errors to
 * one line on stderr and an exit status.
 */
public final class Cli {
    private final Context context;

    /** @param context streams, environment and working directory of this run */
    public Cli(Context context) {
        this.context = context;
    }

    /**
     * @param args the arguments, e.g. {@code -A proj worker -l info}
     * @return the exit status ({@link faust.worker.ExitCodes})
     */
    public int run(String... args) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            AppCommands.Preload preload = AppCommands.preload(context, args);
            CommandLine cl;
            try {
                cl = commandLine(preload.app());
            } catch (FaustException e) {
                return ErrorReport.failure(e, context.err(), false);
            }
            if (preload.failure() != null
                    && AppCommands.unknownCommand(args, cl.getSubcommands().keySet()) != null) {
                // an app command was asked for, but the app does not load: say why, not "unknown command"
                return ErrorReport.failure(preload.failure(), context.err(), false);
            }
            return cl.execute(args);
        } finally {
            Thread.currentThread().setContextClassLoader(loader);
            context.out().flush();
            context.err().flush();
        }
    }

    /** @return the command tree, with this run's streams and error handling */
    public CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * @param app the app {@code -A} names, already loaded (its commands join the tree), or null
     * @return the command tree
     * @throws FaustException when an app command has a built-in command's name
     */
    CommandLine commandLine(App app) {
        RootCommand root = new RootCommand(context);
        root.preloaded = app;
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand("worker", new WorkerCommand());
        cl.addSubcommand("send", new SendCommand());
        cl.addSubcommand("agents", new AgentsCommand());
        cl.addSubcommand("tables", new TablesCommand());
        cl.addSubcommand("models", new ModelsCommand());
        cl.addSubcommand("model", new ModelCommand());
        cl.addSubcommand("reset", new ResetCommand());
        cl.addSubcommand("status", new StatusCommand());
        cl.addSubcommand("broker", new BrokerCommand());
        if (app != null) {
            AppCommands.add(cl, root, app);
        }
        HelpLayout.apply(cl);
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setParameterExceptionHandler((e, args) -> ErrorReport.usage(e, context.err()));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> ErrorReport.failure(e, context.err(), root.debug));
        cl.setExecutionStrategy(parsed -> execute(parsed, root));
        return cl;
    }

    private int execute(ParseResult parsed, RootCommand root) {
        try {
            Path logfile = root.logfile == null ? null : root.workdir().resolve(root.logfile);
            LogSetup.apply(root.loglevel, logfile, root.debug, context.pid());
        } catch (FaustException e) {
            return ErrorReport.failure(e, context.err(), root.debug);
        }
        if (context.process()) {
            LauncherWatch.start(context);
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
