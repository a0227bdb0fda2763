package faust.worker.internal;

import faust.Crontab;
import faust.Schedule;
import faust.StartupTask;
import faust.Timer;
import faust.internal.Clock;
import faust.internal.CronExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one schedule runs on its thread: a timer every interval, a crontab at its cron times, a start-up task
 * once. A run is made on the schedule's own thread, so a run still going when the next tick comes cannot be
 * started twice: that tick is skipped and logged. An exception is logged with the schedule's name and the
 * schedule goes on. {@code onLeader} is checked at every tick. Time is the worker's {@link Clock}: a test's
 * manual clock drives it.
 */
final class ScheduleLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoop.class);

    private final Schedule schedule;
    private final ZoneId defaultZone;
    private final BooleanSupplier leader;
    private final BooleanSupplier stopping;
    private final Clock clock;

    /**
     * @param schedule the schedule
     * @param defaultZone time zone of a crontab naming none (setting {@code timezone})
     * @param leader whether this worker is the leader now
     * @param stopping whether the worker stops
     * @param clock the worker's clock
     */
    ScheduleLoop(Schedule schedule, ZoneId defaultZone, BooleanSupplier leader, BooleanSupplier stopping,
                 Clock clock) {
        this.schedule = schedule;
        this.defaultZone = defaultZone;
        this.leader = leader;
        this.stopping = stopping;
        this.clock = clock;
    }

    /** @return a name for its thread: {@code timer-<name>}, {@code crontab-<name>}, {@code task-<name>} */
    String threadName() {
        String kind = switch (schedule) {
            case Timer t -> "timer";
            case Crontab c -> "crontab";
            case StartupTask t -> "task";
        };
        return schedule.name().startsWith(kind + "-") ? schedule.name() : kind + "-" + schedule.name();
    }

    @Override
    public void run() {
        try {
            switch (schedule) {
                case Timer t -> timer(t);
                case Crontab c -> crontab(c);
                case StartupTask t -> tick();
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private void timer(Timer t) throws InterruptedException {
        long period = t.interval().toNanos();
        long next = clock.nanoTime() + period;
        while (!stopping.getAsBoolean()) {
            clock.sleepUntil(next);
            if (stopping.getAsBoolean()) {
                return;
            }
            tick();
            long now = clock.nanoTime();
            next += period;
            if (next <= now) {
                long missed = (now - next) / period + 1;
                next += missed * period;
                LOG.warn("{} {}: its run took longer than its interval ({} ms); skipped {} tick(s)", kind(),
                        t.name(), TimeUnit.NANOSECONDS.toMillis(period), missed);
            }
        }
    }

    private void crontab(Crontab c) throws InterruptedException {
        CronExpression cron = CronExpression.parse(c.expression(), "crontab '" + c.name() + "'");
        ZoneId zone = c.timezone() != null ? c.timezone() : defaultZone;
        ZonedDateTime after = now(zone);
        while (!stopping.getAsBoolean()) {
            Optional<ZonedDateTime> next = cron.next(after);
            if (next.isEmpty()) {
                LOG.warn("crontab {} ({}) has no further time: it stops", c.name(), c.expression());
                return;
            }
            long at = next.get().toInstant().toEpochMilli();
            sleepUntilWall(at);
            if (stopping.getAsBoolean()) {
                return;
            }
            tick();
            ZonedDateTime done = now(zone);
            int skipped = 0;
            after = next.get();
            for (Optional<ZonedDateTime> n = cron.next(after); n.isPresent() && !n.get().isAfter(done);
                 n = cron.next(after)) {
                after = n.get();
                skipped++;
            }
            if (skipped > 0) {
                LOG.warn("crontab {} ({}): its run took until {}; skipped {} time(s)", c.name(), c.expression(),
                        done, skipped);
            }
        }
    }

    private ZonedDateTime now(ZoneId zone) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(clock.millis()), zone);
    }

    /** Sleeps until the wall clock reaches {@code epochMillis} (checked again after waking: wall clocks jump). */
    private void sleepUntilWall(long epochMillis) throws InterruptedException {
        long left;
        while ((left = epochMillis - clock.millis()) > 0) {
            clock.sleepUntil(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(left));
        }
    }

    /** One run, unless it is for the leader only and this worker is not; an exception is logged. */
    private void tick() throws InterruptedException {
        if (schedule.onLeader() && !leader.getAsBoolean()) {
            if (schedule instanceof StartupTask) {
                LOG.info("task {} runs on the leader only, and this worker is not the leader: not run", schedule.name());
            } else {
                LOG.debug("{} {} runs on the leader only, and this worker is not the leader: skipped", kind(),
                        schedule.name());
            }
            return;
        }
        try {
            schedule.task().run();
        } catch (InterruptedException e) {
            if (stopping.getAsBoolean()) {
                throw e;
            }
            LOG.error("{} {} failed: {}", kind(), schedule.name(), e.toString(), e);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Exception | Error e) {
            if (stopping.getAsBoolean() && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            LOG.error("{} {} failed: {}", kind(), schedule.name(), e.toString(), e);
        }
    }

    private String kind() {
        return switch (schedule) {
            case Timer t -> "timer";
            case Crontab c -> "crontab";
            case StartupTask t -> "task";
        };
    }
}
