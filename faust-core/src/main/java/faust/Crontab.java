package faust;

import java.time.ZoneId;

/**
 * A task run at the times of a standard 5-field cron expression ({@code minute hour day-of-month month
 * day-of-week}, e.g. {@code "0 * * * *"} at every full hour, {@code "*&#47;5 * * * *"} every five minutes),
 * in a time zone. A run still going when the next time comes is not started twice: that time is skipped (and
 * logged).
 *
 * @param name the crontab's name, for logs
 * @param expression the cron expression
 * @param timezone its time zone, or null for the app's setting {@code timezone} (default UTC)
 * @param task what to run; an exception is logged with the crontab's name and the schedule goes on
 * @param onLeader run only while this worker is the leader (checked at every time)
 */
public record Crontab(String name, String expression, ZoneId timezone, Task task, boolean onLeader)
        implements Schedule {
}
