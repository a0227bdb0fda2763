package faust.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import faust.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code from {@code -l}, {@code -f} and {@code --debug}: one appender (stderr or the
 * log file) with Faust's line format, Kafka's and the web server's loggers held at WARN unless
 * {@code --debug}. A {@code logback.xml} named with {@code -Dlogback.configurationFile} wins.
 */
public final class LogSetup {
    /** {@code [2026-11-30 12:00:00,123] [4242] [INFO] faust.worker.Worker: worker ready}. */
    static final String PATTERN = "[%d{\"yyyy-MM-dd HH:mm:ss,SSS\"}] [%PID%] [%level] %logger{36}: %msg%n";

    /** Loggers of libraries that are chatty at INFO: Kafka clients (and broker), Jetty, Javalin. */
    private static final List<String> NOISY = List.of(
            "org.apache.kafka", "kafka", "state.change.logger", "org.eclipse.jetty", "io.javalin");

    /**
     * Kafka client loggers that warn on every retry of something the client retries by itself, or repeat (with
     * a stack trace) an authentication failure the worker reports in its own line.
     */
    private static final List<String> RETRYING = List.of("org.apache.kafka.clients.NetworkClient",
            "org.apache.kafka.clients.producer.internals.Sender",
            "org.apache.kafka.clients.admin.internals.AdminMetadataManager");

    private LogSetup() {
    }

    /**
     * @param level the level of every logger but the noisy ones
     * @param logfile the file to append to, or null for stderr
     * @param debug whether the noisy loggers follow {@code level} too
     * @param pid the pid shown in every line (the launcher's under {@code bin/faust})
     * @throws ConfigException when the log file cannot be written
     */
    public static void apply(LogLevel level, Path logfile, boolean debug, long pid) {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (logfile != null) {
            checkWritable(logfile);
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN.replace("%PID%", Long.toString(pid)));
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (logfile == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logfile.toString());
            file.setAppend(true);
            appender = file;
        }
        appender.setName("faust");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        Level rootLevel = toLogback(level);
        root.setLevel(rootLevel);
        for (String name : NOISY) {
            context.getLogger(name).setLevel(debug || rootLevel.isGreaterOrEqual(Level.WARN) ? null : Level.WARN);
        }
        for (String name : RETRYING) {
            // a warning per reconnect attempt and per retried request while a broker is away: the worker says it
            // once itself ("lost the connection to the broker ...", "... answers again after N s")
            context.getLogger(name).setLevel(debug ? null : Level.ERROR);
        }
    }

    /**
     * Holds Kafka's loggers at ERROR: for {@code faust broker}, whose broker warns about routine things
     * (an empty metadata log on first start, closing clients at shutdown).
     */
    static void quietKafkaBroker() {
        if (System.getProperty("logback.configurationFile") == null
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
                Logger logger = context.getLogger(name);
                if (logger.getEffectiveLevel().isGreaterOrEqual(Level.ERROR)) {
                    continue;
                }
                logger.setLevel(Level.ERROR);
            }
        }
    }

    /** @return the level in Logback's terms (CRIT is ERROR) */
    static Level toLogback(LogLevel level) {
        return switch (level) {
            case CRIT, ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
        };
    }

    private static void checkWritable(Path logfile) {
        try {
            Path parent = logfile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.newOutputStream(logfile, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("-f/--logfile " + logfile + " cannot be written: " + e.getMessage(), e);
        }
    }
}
