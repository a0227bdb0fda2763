package faust.internal;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import faust.ConfigException;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A standard 5-field (Unix) cron expression, read by cron-utils: the only class that uses that library.
 */
public final class CronExpression {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String text;
    private final ExecutionTime times;

    private CronExpression(String text, ExecutionTime times) {
        this.text = text;
        this.times = times;
    }

    /**
     * @param text e.g. {@code "*&#47;5 * * * *"}
     * @param owner who gives it, for the error message (e.g. {@code crontab 'report'})
     * @return the expression
     * @throws ConfigException with one line when it is not a 5-field cron expression
     */
    public static CronExpression parse(String text, String owner) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(owner + " needs a cron expression such as \"*/5 * * * *\"");
        }
        try {
            Cron cron = PARSER.parse(text.trim());
            return new CronExpression(text.trim(), ExecutionTime.forCron(cron));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(owner + ": '" + text + "' is not a 5-field cron expression (minute hour"
                    + " day-of-month month day-of-week, e.g. \"*/5 * * * *\"): " + e.getMessage());
        }
    }

    /**
     * @param after a time
     * @return the first time of the expression strictly after it, if any
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        return times.nextExecution(after);
    }

    @Override
    public String toString() {
        return text;
    }
}
