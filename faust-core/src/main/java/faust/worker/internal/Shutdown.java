package faust.worker.internal;

import faust.StopMode;
import faust.internal.Clock;

/**
 * One shutdown of a worker: its mode, which may only get stronger (WARM, then COLD or FATAL), and the
 * deadline of a warm stop ({@code shutdown_timeout} after it began).
 */
public final class Shutdown {
    private final long deadline;
    private final Clock clock;
    private volatile StopMode mode;

    /**
     * @param mode how it began
     * @param deadline {@link Clock#nanoTime()} by which a warm stop must be done
     * @param clock the worker's clock
     */
    public Shutdown(StopMode mode, long deadline, Clock clock) {
        this.mode = mode;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** @return the mode now in force */
    public StopMode mode() {
        return mode;
    }

    /** @return {@link Clock#nanoTime()} deadline of a warm stop */
    public long deadline() {
        return deadline;
    }

    /** @return the worker's clock */
    public Clock clock() {
        return clock;
    }

    /**
     * @param stronger a mode
     * @return whether it took over (it is stronger than the one in force)
     */
    public synchronized boolean escalate(StopMode stronger) {
        if (!stronger.strongerThan(mode)) {
            return false;
        }
        mode = stronger;
        return true;
    }
}
