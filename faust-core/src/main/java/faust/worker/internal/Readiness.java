package faust.worker.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Whether the worker is ready (running, partitions held, tables recovered), signalled rather than polled:
 * every event that may make it ready (an assignment, a recovery that ended, global tables caught up, the
 * worker reaching RUNNING) calls {@link #changed()}; the first time the condition holds, {@link #first()}
 * completes and the worker says so once. {@link #ready()} is the condition now (it goes false again while
 * a rebalance moves partitions).
 */
public final class Readiness {
    private final BooleanSupplier condition;
    private final Runnable onFirst;
    private final CompletableFuture<Void> first = new CompletableFuture<>();

    /**
     * @param condition whether the worker is ready now
     * @param onFirst run once, the first time it is (logs "worker ready")
     */
    public Readiness(BooleanSupplier condition, Runnable onFirst) {
        this.condition = condition;
        this.onFirst = onFirst;
    }

    /** @return whether the worker is ready now */
    public boolean ready() {
        return condition.getAsBoolean();
    }

    /** Something readiness depends on changed: completes {@link #first()} when the worker became ready. */
    public void changed() {
        if (!first.isDone() && condition.getAsBoolean() && first.complete(null)) {
            onFirst.run();
        }
    }

    /** The worker stopped: nobody waits for readiness any more. */
    public void stopped() {
        first.completeExceptionally(new IllegalStateException("the worker stopped before it was ready"));
    }

    /** @return completes the first time the worker is ready; exceptionally when it stopped before */
    public CompletableFuture<Void> first() {
        return first;
    }

    /**
     * @param timeout how long to wait
     * @return true once ready, false when the timeout passed or the worker stopped first
     * @throws InterruptedException when interrupted
     */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
