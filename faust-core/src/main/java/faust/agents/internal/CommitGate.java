package faust.agents.internal;

import faust.internal.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The consistent cut of exactly-once commits: counts the events in flight across every partition of the worker,
 * and while a commit holds it closed, no agent that holds no event begins a new one. Once closed and empty, every
 * event is either fully done (its outputs sent and its offset acked) or not begun, so the transaction that is
 * committed then holds all the outputs of exactly the events whose offsets it commits.
 *
 * <p>An agent that already holds events (a batch being built, {@code take}) may begin more while the gate is
 * closed: it must finish its batch for the gate to empty. Events are counted by {@link PartitionTracker#begin}
 * and {@link PartitionTracker#end} (and {@code hold}), so the count is exact whatever thread ends an event. Under
 * at-least-once there is no gate (trackers have none) and this costs nothing.
 */
public final class CommitGate {
    private static final long CLOSED = 1L << 62;
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AtomicLong state = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /**
     * Counts one more event in flight, unless the gate is closed and the caller holds none.
     *
     * @param holding whether the calling agent holds events already (they keep the gate from emptying)
     * @return false when the caller must {@link #awaitOpen()} and try again
     */
    boolean tryEnter(boolean holding) {
        while (true) {
            long s = state.get();
            if ((s & CLOSED) != 0 && !holding) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** One event in flight less; the last one while closed wakes the commit waiting for the cut. */
    void exit() {
        if (state.decrementAndGet() == CLOSED) {
            signal();
        }
    }

    /**
     * Waits (in slices, rechecking) until the gate is open.
     *
     * @throws InterruptedException when interrupted (the agent is being stopped)
     */
    void awaitOpen() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while ((state.get() & CLOSED) != 0) {
                changed.awaitNanos(WAIT_SLICE_NANOS);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the gate (no new event begins) and waits until no event is in flight.
     *
     * @param deadlineNanos {@link Clock#nanoTime()} deadline of the wait
     * @param clock the worker's clock
     * @return true when the cut is reached (closed and empty); false when events were still in flight at the
     *     deadline (the gate stays closed: call {@link #open()})
     * @throws InterruptedException when interrupted
     */
    public boolean close(long deadlineNanos, Clock clock) throws InterruptedException {
        long s;
        do {
            s = state.get();
        } while ((s & CLOSED) == 0 && !state.compareAndSet(s, s | CLOSED));
        lock.lockInterruptibly();
        try {
            while (state.get() != CLOSED) {
                long left = clock.left(deadlineNanos);
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, WAIT_SLICE_NANOS));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Opens the gate: agents waiting to begin an event go on. */
    public void open() {
        long s;
        do {
            s = state.get();
        } while ((s & CLOSED) != 0 && !state.compareAndSet(s, s & ~CLOSED));
        signal();
    }

    /** @return whether a commit holds the gate closed */
    public boolean closed() {
        return (state.get() & CLOSED) != 0;
    }

    /** @return events in flight now */
    public long inFlight() {
        return state.get() & ~CLOSED;
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "CommitGate{" + (closed() ? "closed" : "open") + ", inFlight=" + inFlight() + "}";
    }
}
