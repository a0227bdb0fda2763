package faust.worker.internal;

import faust.Schedule;
import faust.StopMode;
import faust.internal.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's timers, crontabs and start-up tasks ({@link ScheduleLoop}), each on a virtual thread of its own,
 * launched when the worker is first ready (partitions assigned, tables recovered). Last in the boot plan, so
 * stopped first: a stop interrupts them and waits for them until the shutdown's deadline (2 s at most in a
 * cold stop); what is still running then is reported.
 */
public final class SchedulerService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    private static final long COLD_WAIT = TimeUnit.SECONDS.toNanos(2);

    private final List<Schedule> schedules;
    private final ZoneId zone;
    private final BooleanSupplier leader;
    private final CompletionStage<Void> ready;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param schedules the app's schedules
     * @param zone time zone of crontabs naming none (setting {@code timezone})
     * @param leader whether this worker is the leader now
     * @param ready completes when the worker is first ready
     * @param clock the worker's clock
     */
    public SchedulerService(List<Schedule> schedules, ZoneId zone, BooleanSupplier leader, CompletionStage<Void> ready,
                            Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.zone = zone;
        this.leader = leader;
        this.ready = ready;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    /** @return how many schedules there are */
    public int count() {
        return schedules.size();
    }

    @Override
    public void start() {
        if (!schedules.isEmpty()) {
            ready.thenRun(this::launch);
        }
    }

    /** Starts every schedule's thread (on the thread that saw the worker become ready: returns at once). */
    private synchronized void launch() {
        if (stopping) {
            return;
        }
        for (Schedule s : schedules) {
            ScheduleLoop loop = new ScheduleLoop(s, zone, leader, () -> stopping, clock);
            threads.add(Thread.ofVirtual().name(loop.threadName()).start(loop));
        }
        LOG.debug("{} schedules started", schedules.size());
    }

    @Override
    public void stopping(Shutdown shutdown) {
        interruptAll();
    }

    private synchronized void interruptAll() {
        stopping = true;
        threads.forEach(Thread::interrupt);
    }

    @Override
    public boolean stop(Shutdown shutdown) throws InterruptedException {
        interruptAll();
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(threads);
        }
        long deadline = shutdown.deadline();
        if (shutdown.mode() != StopMode.WARM) {
            deadline = Math.min(deadline, clock.nanoTime() + COLD_WAIT);
        }
        for (Thread t : all) {
            long left = clock.left(deadline);
            if (left > 0) {
                t.join(java.time.Duration.ofNanos(left));
            }
        }
        return all.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public String leftRunning() {
        StringBuilder out = new StringBuilder();
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(threads);
        }
        for (Thread t : all) {
            if (t.isAlive()) {
                out.append(t.getName()).append(" (interrupted, still running):\n");
                for (StackTraceElement e : t.getStackTrace()) {
                    out.append("    at ").append(e).append('\n');
                }
            }
        }
        return out.toString();
    }
}
