package faust.worker.internal;

import faust.internal.Clock;
import faust.internal.TableImpl;
import faust.internal.WindowSpec;
import faust.tables.internal.TableRuntime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expiry sweep of windowed tables: every {@code table_cleanup_interval} (Faust's 30 s) removes the windows
 * past their {@code expires} from the active partitions ({@link TableRuntime#sweep}), on one virtual thread
 * {@code faust-table-cleanup}. In the boot plan only when a table has expiring windows, after the tables.
 */
public final class TableCleanupService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(TableCleanupService.class);

    private final Supplier<TableRuntime> runtime;
    private final Duration interval;
    private final Clock clock;
    private volatile Thread thread;

    /**
     * @param runtime the tables' runtime, once the tables started
     * @param interval time between sweeps
     * @param clock the worker's clock
     */
    public TableCleanupService(Supplier<TableRuntime> runtime, Duration interval, Clock clock) {
        this.runtime = runtime;
        this.interval = interval.isZero() || interval.isNegative() ? Duration.ofSeconds(30) : interval;
        this.clock = clock;
    }

    /**
     * @param tables the app's tables
     * @return whether one of them has windows that expire
     */
    public static boolean needed(List<TableImpl<?, ?>> tables) {
        for (TableImpl<?, ?> t : tables) {
            WindowSpec w = t.window();
            if (w != null && w.expiring()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "table-cleanup";
    }

    @Override
    public void start() {
        thread = Thread.ofVirtual().name("faust-table-cleanup").start(this::run);
    }

    private void run() {
        long next = clock.nanoTime() + interval.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                clock.sleepUntil(next);
            } catch (InterruptedException e) {
                return;
            }
            next += interval.toNanos();
            try {
                TableRuntime r = runtime.get();
                if (r != null) {
                    int n = r.sweep();
                    if (n > 0) {
                        LOG.debug("table cleanup: {} expired windows removed", n);
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("table cleanup failed (tried again in {} s): {}", interval.toSeconds(), e.toString(), e);
            }
        }
    }

    @Override
    public void stopping(Shutdown shutdown) {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.interrupt();
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(shutdown.clock().left(shutdown.deadline())));
        return t.join(Duration.ofMillis(Math.min(left, 5000)));
    }

    @Override
    public String leftRunning() {
        Thread t = thread;
        return t != null && t.isAlive() ? "the table cleanup sweep" : "";
    }
}
