package faust.agents.internal;

import faust.internal.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events waiting for one agent, shared by its instances. The fetcher adds whole batches without
 * ever blocking and pauses the agent's partitions when {@link #isFull()}; instances take batches.
 */
public final class AgentBuffer {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Delivery<?, ?>> queue = new ArrayDeque<>();
    private boolean closed;
    private volatile Thread waiter;

    /** @param capacity events held before the fetcher pauses the agent's partitions */
    public AgentBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** @param batch events to add, in order */
    public void putAll(List<? extends Delivery<?, ?>> batch) {
        lock.lock();
        try {
            queue.addAll(batch);
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} events, waiting for the first.
     *
     * @param out where to put them
     * @param max at most this many
     * @return how many were taken; 0 when the buffer is closed
     * @throws InterruptedException when interrupted
     */
    public int take(Delivery<?, ?>[] out, int max) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return 0;
                }
                notEmpty.await(1, TimeUnit.SECONDS);
            }
            return drain(out, max);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} events, waiting for the first until a deadline ({@code take(n, within)} with a
     * trickle of events).
     *
     * @param out where to put them
     * @param max at most this many
     * @param deadlineNanos {@link Clock#nanoTime()} until which to wait for the first
     * @param clock the clock of the deadline
     * @return how many were taken; 0 when none came in time; -1 when the buffer is closed and empty
     * @throws InterruptedException when interrupted
     */
    public int take(Delivery<?, ?>[] out, int max, long deadlineNanos, Clock clock) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return -1;
                }
                long left = clock.left(deadlineNanos);
                if (left <= 0) {
                    return 0;
                }
                notEmpty.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return drain(out, max);
        } finally {
            lock.unlock();
        }
    }

    private int drain(Delivery<?, ?>[] out, int max) {
        int n = 0;
        while (n < max && !queue.isEmpty()) {
            out[n++] = queue.poll();
        }
        Thread w = waiter;
        if (w != null && queue.size() <= capacity / 2) {
            waiter = null;
            java.util.concurrent.locks.LockSupport.unpark(w);
        }
        return n;
    }

    /** @return events waiting */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the fetcher should pause the agent's partitions */
    public boolean isFull() {
        return size() >= capacity;
    }

    /**
     * Wakes {@code thread} (the fetcher, parked while all its partitions are paused) once the buffer has
     * drained to half.
     *
     * @param thread the thread to unpark
     */
    public void wakeWhenRoom(Thread thread) {
        waiter = thread;
    }

    /** @return whether the fetcher may resume them (drained to half) */
    public boolean hasRoom() {
        return size() <= capacity / 2;
    }

    /** Ends the instances' loops once the events left are taken (and skipped when revoked). */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
