package faust.devbroker.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Turns down the Kafka server's own loggers when the SLF4J backend is Logback and the application did not
 * configure them itself. Kafka's broker logs hundreds of INFO lines while starting, which drown out the
 * application's output in a dev broker or an integration test. Only loggers without an explicit level are
 * touched, so a {@code logback.xml} that names them wins; the system property
 * {@value #LEVEL_PROPERTY} sets the level ({@code WARN} by default; {@code keep} leaves everything alone).
 *
 * <p>Works through reflection so this module does not depend on any logging backend.
 */
public final class QuietLogging {
    /** System property with the level for Kafka's server loggers, or {@code keep}. */
    public static final String LEVEL_PROPERTY = "faust.devbroker.log.level";

    /** Logger names of the Kafka server (not the clients the application itself uses). */
    public static final List<String> SERVER_LOGGERS = List.of(
            "kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.security", "org.apache.kafka.network", "org.apache.kafka.common.network",
            "org.apache.kafka.timeline", "org.apache.kafka.deferred", "org.apache.kafka.logger");

    /** Every Kafka logger, for a JVM that runs nothing but the broker. */
    public static final List<String> ALL_KAFKA_LOGGERS = List.of("kafka", "state.change.logger", "org.apache.kafka");

    private QuietLogging() {
    }

    /** Sets the level of the given loggers as described in the class comment; never throws. */
    public static void apply(List<String> loggerNames) {
        String level = System.getProperty(LEVEL_PROPERTY, "WARN").trim();
        if (level.equalsIgnoreCase("keep") || level.isEmpty()) {
            return;
        }
        try {
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", false,
                    LoggerFactory.getILoggerFactory().getClass().getClassLoader());
            Object logbackLevel = levelClass.getMethod("toLevel", String.class).invoke(null, level);
            for (String name : loggerNames) {
                Logger logger = LoggerFactory.getLogger(name);
                if (!logger.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
                    return;
                }
                Method getLevel = logger.getClass().getMethod("getLevel");
                if (getLevel.invoke(logger) == null) {
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, logbackLevel);
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // not Logback, or a different version: leave logging as it is
        }
    }
}
