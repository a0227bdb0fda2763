package faust.worker.internal;

import faust.Timer;
import faust.internal.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The app's timers ({@code app.timer}), each on a virtual thread {@code timer-<name>}; stopped first. */
public final class TimersService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(TimersService.class);

    private final List<Timer> timers;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param timers the app's timers
     * @param clock the worker's clock
     */
    public TimersService(List<Timer> timers, Clock clock) {
        this.timers = List.copyOf(timers);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "timers";
    }

    /** @return how many timers run */
    public int count() {
        return timers.size();
    }

    @Override
    public void start() {
        for (Timer t : timers) {
            Thread th = Thread.ofVirtual().name("timer-" + t.name()).unstarted(() -> run(t));
            threads.add(th);
            th.start();
        }
    }

    private void run(Timer t) {
        long next = clock.nanoTime() + t.interval().toNanos();
        while (!stopping) {
            try {
                long wait = next - clock.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            next += t.interval().toNanos();
            try {
                t.task().run();
            } catch (RuntimeException e) {
                LOG.error("timer {} failed: {}", t.name(), e.toString(), e);
            }
        }
    }

    @Override
    public void stopping(Shutdown shutdown) {
        stopping = true;
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        stopping = true;
        threads.forEach(Thread::interrupt);
        return true;
    }
}
