package faust.cli.internal;

import faust.App;
import faust.Command;
import faust.ConfigException;
import faust.FaustException;
import faust.spi.Apps;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The app's own commands ({@code app.command(...)}) as sub-commands of {@code faust}: when {@code -A} names an
 * app, it is loaded before the arguments are parsed, so that {@code faust -A app --help} lists its commands and
 * {@code faust -A app NAME} runs one, with the app configured (environment, {@code --broker}) and its
 * standalone producer flushed and closed afterwards.
 */
final class AppCommands {
    /** What loading the app for its commands gave. */
    record Preload(App app, RuntimeException failure) {
        static final Preload NONE = new Preload(null, null);
    }

    private AppCommands() {
    }

    /**
     * Loads the app {@code args} name (if any), leniently: an app that does not load is reported by the command
     * that needs it.
     *
     * @param context this run's context
     * @param args the arguments
     * @return the app, or the failure
     */
    static Preload preload(Context context, String[] args) {
        RootCommand probe = new RootCommand(context);
        CommandLine cl = new CommandLine(probe);
        cl.setUnmatchedArgumentsAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Preload.NONE;
        }
        if (!probe.hasApp()) {
            return Preload.NONE;
        }
        try {
            return new Preload(probe.app("--help"), null);
        } catch (RuntimeException e) {
            return new Preload(null, e);
        }
    }

    /**
     * @param args the arguments
     * @param builtins the built-in commands' names
     * @return the first word that is no option, no built-in command and no misspelling of one (one
     *     edit away: picocli then suggests the built-in), or null
     */
    static String unknownCommand(String[] args, Set<String> builtins) {
        RootCommand probe = new RootCommand(new Context(new PrintWriter(PrintWriter.nullWriter()),
                new PrintWriter(PrintWriter.nullWriter()), java.util.Map.of(), java.nio.file.Path.of(""), null, false,
                null));
        CommandLine cl = new CommandLine(probe);
        cl.setUnmatchedArgumentsAllowed(true);
        try {
            List<String> rest = cl.parseArgs(args).unmatched();
            for (String a : rest) {
                if (!a.startsWith("-")) {
                    boolean known = builtins.stream().anyMatch(b -> distance(a, b) <= 1);
                    return known ? null : a;
                }
            }
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        return null;
    }

    /** @return the edit distance between two words (Levenshtein) */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Adds the app's commands to the command tree.
     *
     * @param cl the tree, built-in commands added
     * @param root the root command (it runs the preloaded app)
     * @param app the app
     * @throws ConfigException when a command's name is a built-in command's
     */
    static void add(CommandLine cl, RootCommand root, App app) {
        for (Command c : app.commands()) {
            if (cl.getSubcommands().containsKey(c.name())) {
                throw new ConfigException("the app's command '" + c.name() + "' has the name of a built-in faust"
                        + " command: rename it");
            }
            cl.addSubcommand(c.name(), new CommandLine(spec(root, c)));
        }
    }

    private static CommandSpec spec(RootCommand root, Command c) {
        Run run = new Run(root, c);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
        run.spec = spec;
        spec.name(c.name());
        spec.usageMessage().description(c.help().isEmpty() ? "the app's command " + c.name() : c.help());
        spec.usageMessage().customSynopsis("faust -A APP [GLOBAL OPTIONS] " + c.name() + synopsis(c));
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit")
                .build());
        int index = 0;
        for (Command.Param p : c.params()) {
            String help = p.help() == null ? "" : p.help();
            switch (p.kind()) {
                case OPTION -> spec.addOption(OptionSpec.builder(p.name()).type(String.class)
                        .paramLabel(p.name().substring(2).toUpperCase(Locale.ROOT))
                        .defaultValue(p.defaultValue())
                        .description(help + (p.defaultValue() == null ? "" : " (default: " + p.defaultValue() + ")"))
                        .build());
                case FLAG -> spec.addOption(OptionSpec.builder(p.name()).type(boolean.class).arity("0")
                        .description(help).build());
                case ARGUMENT -> spec.addPositional(PositionalParamSpec.builder().type(String.class)
                        .paramLabel(p.name().toUpperCase(Locale.ROOT)).index(Integer.toString(index++))
                        .arity(p.defaultValue() == null ? "1" : "0..1").required(p.defaultValue() == null)
                        .defaultValue(p.defaultValue())
                        .description(help + (p.defaultValue() == null ? "" : " (default: " + p.defaultValue() + ")"))
                        .build());
                default -> throw new IllegalStateException(p.kind().toString());
            }
        }
        return spec;
    }

    private static String synopsis(Command c) {
        StringBuilder s = new StringBuilder();
        for (Command.Param p : c.params()) {
            switch (p.kind()) {
                case OPTION -> s.append(" [").append(p.name()).append(' ')
                        .append(p.name().substring(2).toUpperCase(Locale.ROOT)).append(']');
                case FLAG -> s.append(" [").append(p.name()).append(']');
                case ARGUMENT -> s.append(p.defaultValue() == null ? " " : " [")
                        .append(p.name().toUpperCase(Locale.ROOT)).append(p.defaultValue() == null ? "" : "]");
                default -> { }
            }
        }
        return s.toString();
    }

    /** Runs one app command with the values picocli parsed. */
    private static final class Run implements Callable<Integer> {
        private final RootCommand root;
        private final Command command;
        private CommandSpec spec;

        Run(RootCommand root, Command command) {
            this.root = root;
            this.command = command;
        }

        @Override
        public Integer call() {
            App app = root.app(command.name());
            Apps.configure(app, root.context.env(), root.settingFlags());
            try {
                command.handler().run(new Values());
            } catch (FaustException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("command '" + command.name() + "' was interrupted", e);
            } catch (Exception e) {
                throw new FaustException("command '" + command.name() + "' failed: " + e, e);
            } finally {
                root.context.out().flush();
                app.close();
            }
            return 0;
        }

        /** The parsed values, by option or argument name. */
        private final class Values implements Command.Args {
            private Command.Param param(String name) {
                for (Command.Param p : command.params()) {
                    if (p.name().equals(name) || (p.kind() != Command.Kind.ARGUMENT && p.name().equals("--" + name))) {
                        return p;
                    }
                }
                throw new ConfigException("command '" + command.name() + "' has no option or argument '" + name + "'");
            }

            @Override
            public String get(String name) {
                Command.Param p = param(name);
                if (p.kind() == Command.Kind.ARGUMENT) {
                    for (PositionalParamSpec pp : spec.positionalParameters()) {
                        if (pp.paramLabel().equals(p.name().toUpperCase(Locale.ROOT))) {
                            return pp.getValue();
                        }
                    }
                    return null;
                }
                Object v = spec.findOption(p.name()).getValue();
                return v == null ? null : v.toString();
            }

            @Override
            public int integer(String name) {
                String v = get(name);
                try {
                    return Integer.parseInt(v == null ? "" : v.trim());
                } catch (NumberFormatException e) {
                    throw new ConfigException(name + " '" + v + "' is not a whole number");
                }
            }

            @Override
            public boolean flag(String name) {
                Command.Param p = param(name);
                Object v = spec.findOption(p.name()).getValue();
                return Boolean.TRUE.equals(v);
            }

            @Override
            public PrintWriter out() {
                return root.context.out();
            }
        }
    }
}
