package faust;

import java.time.ZoneId;

/**
 * Options of a timer, crontab or start-up task: {@code o -> o.name("cleanup").onLeader(true)}.
 */
public final class ScheduleOptions {
    private String name;
    private boolean onLeader;
    private ZoneId timezone;

    ScheduleOptions() {
    }

    /**
     * @param name a name for logs (default {@code timer-1}, {@code crontab-1}, {@code task-1}, ...)
     * @return this
     */
    public ScheduleOptions name(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfigException("a schedule's name must not be empty");
        }
        this.name = name;
        return this;
    }

    /**
     * @param onLeader run only on the leader worker (default false: on every worker)
     * @return this
     */
    public ScheduleOptions onLeader(boolean onLeader) {
        this.onLeader = onLeader;
        return this;
    }

    /**
     * The time zone of a crontab (default: the app's setting {@code timezone}, UTC unless set).
     *
     * @param zone a zone id such as {@code Europe/Paris} or {@code UTC}
     * @return this
     * @throws ConfigException when it is no known time zone
     */
    public ScheduleOptions timezone(String zone) {
        try {
            this.timezone = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new ConfigException("time zone '" + zone + "' is not known: give an id such as UTC or Europe/Paris");
        }
        return this;
    }

    String name() {
        return name;
    }

    boolean onLeader() {
        return onLeader;
    }

    ZoneId timezone() {
        return timezone;
    }
}
