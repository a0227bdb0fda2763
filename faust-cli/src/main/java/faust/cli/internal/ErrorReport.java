package faust.cli.internal;

import faust.ConfigException;
import faust.FaustException;
import faust.worker.ExitCodes;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns errors into what the user sees: one line {@code faust: <what is wrong and what to do>} on stderr
 * and an exit status. Stack traces only with {@code --debug}, and only for unexpected errors.
 */
final class ErrorReport {
    private ErrorReport() {
    }

    /**
     * A command-line parsing error: unknown option, bad value, missing parameter.
     *
     * @return {@link ExitCodes#USAGE}
     */
    static int usage(ParameterException e, PrintWriter err) {
        CommandLine cmd = e.getCommandLine();
        String message = firstLine(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            message = arg.startsWith("-") ? "unknown option '" + arg + "'"
                    : cmd != null && !cmd.getSubcommands().isEmpty() ? "unknown command '" + arg + "'"
                    : "unexpected argument '" + arg + "'";
            if (!u.getSuggestions().isEmpty()) {
                message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
        }
        String name = cmd == null ? "faust" : cmd.getCommandSpec().qualifiedName();
        err.println("faust: " + lowerFirst(message) + "; see '" + name + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * An error while running a command.
     *
     * @param e the error
     * @param err where to report it
     * @param debug whether to print the stack trace of unexpected errors
     * @return 2 for {@link ConfigException}, 1 otherwise
     */
    static int failure(Throwable e, PrintWriter err, boolean debug) {
        if (e instanceof AppLoadException a) {
            a.details().forEach(err::println);
        }
        if (e instanceof FaustException f) {
            err.println("faust: " + f.getMessage());
            if (debug && f.getCause() != null) {
                f.printStackTrace(err);
            }
            err.flush();
            return f instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.FAILED;
        }
        String message = e.getMessage() == null ? "" : ": " + firstLine(e.getMessage());
        err.println("faust: unexpected error: " + e.getClass().getName() + message
                + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
