package faust;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of the app's own, run by {@code faust -A app NAME [OPTIONS] [ARGUMENTS]} with the app loaded and
 * configured (environment, {@code --broker}...): admin tasks such as sending test data or printing a table.
 * {@code faust -A app --help} lists it; {@code faust -A app NAME --help} shows its options.
 *
 * <pre>{@code
 * app.command("produce", c -> c.help("send test page views").option("--count", "10", "how many"),
 *         args -> {
 *             for (int i = 0; i < args.integer("--count"); i++) views.send("page-" + i, 1).get();
 *             args.out().println("sent " + args.integer("--count"));
 *         });
 * }</pre>
 *
 * @param name the command's name, e.g. {@code produce}
 * @param help one line for {@code --help}
 * @param params its options, flags and positional arguments, in order
 * @param handler what it does
 */
public record Command(String name, String help, List<Param> params, Handler handler) {
    /** Copies the parameters. */
    public Command {
        params = List.copyOf(params);
    }

    /** What kind of parameter. */
    public enum Kind {
        /** {@code --name VALUE}, with a default */
        OPTION,
        /** {@code --name}: true when given */
        FLAG,
        /** a positional argument (required unless it has a default) */
        ARGUMENT
    }

    /**
     * One parameter.
     *
     * @param kind option, flag or argument
     * @param name {@code --count} for options and flags, a label such as {@code word} for arguments
     * @param defaultValue the value when not given (null: an option without value, a required argument)
     * @param help one line for {@code --help}
     */
    public record Param(Kind kind, String name, String defaultValue, String help) {
    }

    /** Runs the command. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param args the values given on the command line
         * @throws Exception printed as one line on stderr; the command exits with status 1
         */
        void run(Args args) throws Exception;
    }

    /** The values a command was given. */
    public interface Args {
        /**
         * @param name an option ({@code --count}) or argument name ({@code word})
         * @return its value, its default when not given, or null
         * @throws ConfigException when the command has no such parameter
         */
        String get(String name);

        /**
         * @param name an option or argument name
         * @return its value as an integer
         * @throws ConfigException when the value is no whole number (naming the option)
         */
        int integer(String name);

        /**
         * @param name a flag, e.g. {@code --dry-run}
         * @return whether it was given
         */
        boolean flag(String name);

        /** @return where the command prints its output (stdout of {@code faust}) */
        PrintWriter out();
    }

    /** Describes a command's help and parameters: {@code c -> c.help("...").option("--count", "10", "how many")}. */
    public static final class Options {
        private String help = "";
        private final List<Param> params = new ArrayList<>();

        Options() {
        }

        /**
         * @param text one line for {@code faust -A app --help}
         * @return this
         */
        public Options help(String text) {
            this.help = text == null ? "" : text;
            return this;
        }

        /**
         * @param name e.g. {@code --count}
         * @param defaultValue its value when not given (null: none)
         * @param help one line
         * @return this
         */
        public Options option(String name, String defaultValue, String help) {
            params.add(new Param(Kind.OPTION, checkOption(name), defaultValue, help));
            return this;
        }

        /**
         * @param name e.g. {@code --dry-run}
         * @param help one line
         * @return this
         */
        public Options flag(String name, String help) {
            params.add(new Param(Kind.FLAG, checkOption(name), null, help));
            return this;
        }

        /**
         * @param name a label, e.g. {@code word}
         * @param defaultValue its value when not given (null: required)
         * @param help one line
         * @return this
         */
        public Options argument(String name, String defaultValue, String help) {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new ConfigException("argument name '" + name + "' is not valid: use letters, digits, '_' and '-'");
            }
            params.add(new Param(Kind.ARGUMENT, name, defaultValue, help));
            return this;
        }

        private static String checkOption(String name) {
            if (name == null || !name.matches("--[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new ConfigException("option name '" + name + "' is not valid: give --name (letters, digits,"
                        + " '_', '-')");
            }
            return name;
        }

        String helpText() {
            return help;
        }

        List<Param> params() {
            return params;
        }
    }
}
