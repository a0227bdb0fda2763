package faust.worker.internal;

import faust.StopMode;
import faust.Task;
import faust.TopicPartition;
import faust.internal.Clock;
import faust.internal.Hooks;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's lifecycle hooks. As a service (after the producer in the boot plan): {@code onStartup} hooks run
 * when it starts, {@code onShutdown} hooks when it stops, so after everything started later (tables, agents,
 * consumer, schedules) stopped, while the producer still sends. The rebalance hooks are called by the
 * consumer's thread ({@link #joining}, {@link #assigned}, {@link #revoked}), each on a virtual thread the
 * consumer waits for at most {@code shutdown_timeout} (then interrupts and goes on), and by readiness
 * ({@link #readiness}) for {@code onRebalanceComplete}, run one at a time on a thread of their own.
 */
public final class HooksService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(HooksService.class);
    private static final long COLD_WAIT = TimeUnit.SECONDS.toNanos(2);

    private final Hooks hooks;
    private final Duration bound;
    private final BooleanSupplier stopRequested;
    private final Clock clock;
    private final AtomicBoolean rebalancing = new AtomicBoolean();
    private final ExecutorService completions = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("hook-onRebalanceComplete").factory());
    private volatile String leftRunning = "";

    /**
     * @param hooks the app's hooks
     * @param bound how long the consumer waits for a rebalance hook ({@code shutdown_timeout})
     * @param stopRequested whether a stop was asked for while starting (interrupts an {@code onStartup} hook)
     * @param clock the worker's clock
     */
    public HooksService(Hooks hooks, Duration bound, BooleanSupplier stopRequested, Clock clock) {
        this.hooks = hooks;
        this.bound = bound;
        this.stopRequested = stopRequested;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "hooks";
    }

    @Override
    public void start() {
        for (Hooks.Named<Task> h : hooks.tasks(Hooks.Kind.STARTUP)) {
            Failure failure = new Failure();
            Thread t = Thread.ofVirtual().name("hook-" + h.name()).start(() -> failure.run(h.hook()));
            try {
                while (!t.join(Duration.ofMillis(100))) {
                    if (stopRequested.getAsBoolean()) {
                        t.interrupt();
                        throw new faust.FaustException("the worker was stopped while its " + h.name()
                                + " hook was running");
                    }
                }
            } catch (InterruptedException e) {
                t.interrupt();
                Thread.currentThread().interrupt();
                throw new faust.FaustException("interrupted while the " + h.name() + " hook was running");
            }
            if (failure.error != null) {
                throw new faust.FaustException("the " + h.name() + " hook failed: " + failure.error, failure.error);
            }
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) throws InterruptedException {
        completions.shutdownNow();
        long deadline = shutdown.mode() == StopMode.WARM ? shutdown.deadline()
                : Math.min(shutdown.deadline(), clock.nanoTime() + COLD_WAIT);
        boolean clean = true;
        for (Hooks.Named<Task> h : hooks.tasks(Hooks.Kind.SHUTDOWN)) {
            clean &= runBounded(h.name(), h.hook(), deadline);
        }
        return clean;
    }

    @Override
    public String leftRunning() {
        return leftRunning;
    }

    /** The consumer (re)joins the group: a rebalance begins (fetcher thread). */
    public void joining() {
        if (rebalancing.compareAndSet(false, true)) {
            for (Hooks.Named<Task> h : hooks.tasks(Hooks.Kind.REBALANCE_START)) {
                runBounded(h.name(), h.hook(), clock.nanoTime() + bound.toNanos());
            }
        }
    }

    /** @param added partitions newly assigned (fetcher thread) */
    public void assigned(Set<TopicPartition> added) {
        partitions("onPartitionsAssigned", hooks.assigned(), added);
    }

    /** @param removed partitions revoked or lost (fetcher thread) */
    public void revoked(Set<TopicPartition> removed) {
        partitions("onPartitionsRevoked", hooks.revoked(), removed);
    }

    private void partitions(String name, List<Consumer<Set<TopicPartition>>> list, Set<TopicPartition> tps) {
        for (int i = 0; i < list.size(); i++) {
            Consumer<Set<TopicPartition>> h = list.get(i);
            runBounded(name + "#" + (i + 1), () -> h.accept(tps), clock.nanoTime() + bound.toNanos());
        }
    }

    /**
     * Readiness may have changed (any thread): when a rebalance is under way and the worker is ready, it is
     * complete.
     *
     * @param ready whether the worker is ready now
     */
    public void readiness(boolean ready) {
        if (ready && rebalancing.compareAndSet(true, false)) {
            for (Hooks.Named<Task> h : hooks.tasks(Hooks.Kind.REBALANCE_COMPLETE)) {
                try {
                    completions.execute(() -> new Failure().run(h.hook(), h.name()));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return; // stopping
                }
            }
        }
    }

    /**
     * Runs a hook on a virtual thread and waits for it until the deadline; then interrupts it and goes on.
     *
     * @return whether it ended in time
     */
    private boolean runBounded(String name, Task hook, long deadline) {
        Thread t = Thread.ofVirtual().name("hook-" + name).start(() -> new Failure().run(hook, name));
        try {
            if (t.join(Duration.ofNanos(Math.max(1, clock.left(deadline))))) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.interrupt();
        LOG.warn("the {} hook did not end in time (shutdown_timeout, or 2 s in a cold stop): interrupted, the"
                + " worker goes on without it", name);
        leftRunning = leftRunning + "hook-" + name + " (interrupted, still running)\n";
        return false;
    }

    /** Runs a hook, keeping (or logging) what it threw. */
    private static final class Failure {
        private volatile Exception error;

        void run(Task hook) {
            try {
                hook.run();
            } catch (Exception e) {
                error = e;
            }
        }

        void run(Task hook, String name) {
            try {
                hook.run();
            } catch (InterruptedException e) {
                LOG.debug("the {} hook was interrupted", name);
            } catch (Exception e) {
                LOG.error("the {} hook failed: {}", name, e.toString(), e);
            }
        }
    }
}
