package faust.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Schedule;
import faust.StopMode;
import faust.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers, crontabs and start-up tasks under a manual clock: no sleeps, no broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchedulerTest {
    private final ManualClock clock = new ManualClock();
    private final App app = App.create("sched-test");
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
    private SchedulerService scheduler;

    private SchedulerService start(CompletableFuture<Void> readiness) {
        scheduler = new SchedulerService(app.schedules(), ZoneId.of("UTC"), leader::get, readiness, clock);
        scheduler.start();
        return scheduler;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.stop(new Shutdown(StopMode.WARM, clock.nanoTime() + TimeUnit.SECONDS.toNanos(5), clock));
        }
    }

    /** Moves the clock once every schedule thread sleeps, so no tick is computed from a stale time. */
    private void advance(Duration d, int sleepers) {
        await("schedules asleep").atMost(Duration.ofSeconds(10)).until(() -> clock.sleepers() == sleepers);
        clock.advance(d);
    }

    @Test
    void aOneMinuteCrontabFiresAtEachFullMinuteOfTheClock() {
        List<Instant> fired = new CopyOnWriteArrayList<>();
        app.crontab("* * * * *", () -> fired.add(Instant.ofEpochMilli(clock.millis())), o -> o.name("minutely"));
        start(ready); // the clock shows 2026-01-01T00:00:00Z

        advance(Duration.ofSeconds(59), 1);
        advance(Duration.ofMillis(999), 1);
        await("asleep again").atMost(Duration.ofSeconds(10)).until(() -> clock.sleepers() == 1);
        assertThat(fired).as("not before the minute").isEmpty();

        advance(Duration.ofMillis(1), 1);
        await("fired at 00:01").atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 1);
        advance(Duration.ofSeconds(60), 1);
        await("fired at 00:02").atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly(Instant.parse("2026-01-01T00:01:00Z"), Instant.parse("2026-01-01T00:02:00Z"));
    }

    @Test
    void aCrontabRunsInItsTimeZone() {
        List<Instant> fired = new CopyOnWriteArrayList<>();
        app.crontab("0 9 * * *", () -> fired.add(Instant.ofEpochMilli(clock.millis())),
                o -> o.timezone("Europe/Paris"));
        start(ready);

        advance(Duration.ofHours(7), 1);
        advance(Duration.ofMinutes(59), 1);
        await("asleep again").atMost(Duration.ofSeconds(10)).until(() -> clock.sleepers() == 1);
        assertThat(fired).isEmpty();
        advance(Duration.ofMinutes(1), 1);
        await("fired").atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 1);
        assertThat(fired).containsExactly(Instant.parse("2026-01-01T08:00:00Z")); // 09:00 in Paris in winter
    }

    @Test
    void aTimerThatThrowsIsLoggedAndKeepsTicking() {
        AtomicInteger runs = new AtomicInteger();
        app.timer(Duration.ofSeconds(1), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        }, o -> o.name("flaky"));
        start(ready);
        for (int i = 1; i <= 3; i++) {
            advance(Duration.ofSeconds(1), 1);
            int expected = i;
            await("tick " + i).atMost(Duration.ofSeconds(10)).until(() -> runs.get() == expected);
        }
    }

    @Test
    void aTickWhileTheRunIsStillGoingIsSkippedNotStartedTwice() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        app.timer(Duration.ofSeconds(1), () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            if (runs.get() == 1) {
                release.await(20, TimeUnit.SECONDS);
            }
            running.decrementAndGet();
        });
        start(ready);
        advance(Duration.ofSeconds(1), 1);
        await("first run going").atMost(Duration.ofSeconds(10)).until(() -> running.get() == 1);
        clock.advance(Duration.ofMillis(3500)); // three ticks pass while it runs
        release.countDown();
        await("asleep after the run").atMost(Duration.ofSeconds(10)).until(() -> clock.sleepers() == 1);
        assertThat(runs.get()).as("the ticks during the run were skipped").isEqualTo(1);
        advance(Duration.ofMillis(500), 1); // the next tick on the original cadence: 5 s after the start
        await("next tick").atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
        assertThat(most.get()).as("never two runs at once").isEqualTo(1);
    }

    @Test
    void anOnLeaderTimerRunsOnlyWhileThisWorkerIsTheLeader() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger everywhere = new AtomicInteger();
        app.timer(Duration.ofSeconds(1), runs::incrementAndGet, o -> o.onLeader(true));
        app.timer(Duration.ofSeconds(1), everywhere::incrementAndGet);
        leader.set(false);
        start(ready);
        advance(Duration.ofSeconds(1), 2);
        await("tick").atMost(Duration.ofSeconds(10)).until(() -> everywhere.get() == 1);
        leader.set(true);
        advance(Duration.ofSeconds(1), 2);
        await("tick as leader").atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
        leader.set(false);
        advance(Duration.ofSeconds(1), 2);
        await("tick").atMost(Duration.ofSeconds(10)).until(() -> everywhere.get() == 3);
        await("asleep").atMost(Duration.ofSeconds(10)).until(() -> clock.sleepers() == 2);
        assertThat(runs.get()).as("ran on the one tick it was the leader").isEqualTo(1);
    }

    @Test
    void startupTasksRunOnceWhenTheWorkerIsFirstReadyAndOnLeaderIsCheckedThen() {
        AtomicInteger everywhere = new AtomicInteger();
        AtomicInteger leaderOnly = new AtomicInteger();
        app.task(everywhere::incrementAndGet);
        app.task(leaderOnly::incrementAndGet, o -> o.onLeader(true).name("leader-only"));
        leader.set(false);
        CompletableFuture<Void> readiness = new CompletableFuture<>();
        start(readiness);
        assertThat(everywhere.get()).as("not before ready").isZero();
        readiness.complete(null);
        await("ran").atMost(Duration.ofSeconds(10)).until(() -> everywhere.get() == 1);
        leader.set(true); // too late: checked once, at start
        clock.advance(Duration.ofMinutes(5));
        assertThat(leaderOnly.get()).isZero();
        assertThat(app.schedules()).extracting(Schedule::name).containsExactly("task-1", "leader-only");
    }

    @Test
    void aStopInterruptsSchedulesAndReportsOneThatIgnoresIt() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        app.task(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, o -> o.name("polite"));
        app.task(() -> {
            long end = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ignored) {
                    // a badly behaved task
                }
            }
        }, o -> o.name("stubborn"));
        SchedulerService s = start(ready);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        boolean clean = s.stop(new Shutdown(StopMode.WARM, clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300),
                clock));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("bounded by the deadline")
                .isLessThan(3_000);
        assertThat(clean).isFalse();
        assertThat(interrupted).isTrue();
        assertThat(s.leftRunning()).contains("task-stubborn").doesNotContain("task-polite");
        scheduler = null;
    }
}
