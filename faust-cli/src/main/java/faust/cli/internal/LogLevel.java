package faust.cli.internal;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The levels {@code -l/--loglevel} accepts, as in Python Faust (case-insensitive). */
public enum LogLevel {
    /** Critical errors only (Logback has no CRIT level: same as ERROR). */
    CRIT,
    /** Errors. */
    ERROR,
    /** Warnings and errors (the default). */
    WARN,
    /** Progress: worker started, ready, stopped. */
    INFO,
    /** Everything. */
    DEBUG;

    /** @return the name as users type it, e.g. {@code info} */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code crit}, {@code error}, {@code warn}, {@code info} or {@code debug}, any case;
     *     {@code critical}, {@code warning} and {@code fatal} are accepted too
     * @return the level
     * @throws IllegalArgumentException for anything else
     */
    public static LogLevel parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "crit", "critical", "fatal" -> CRIT;
            case "error" -> ERROR;
            case "warn", "warning" -> WARN;
            case "info" -> INFO;
            case "debug" -> DEBUG;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** Converts the option's text; the error names the accepted values. */
    public static final class Converter implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a log level: give crit, error, warn,"
                        + " info or debug");
            }
        }
    }
}
