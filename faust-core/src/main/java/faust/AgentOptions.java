package faust;

/** Options of an agent, set in the lambda given to {@code app.agent(..., opts -> opts.concurrency(4))}. */
public final class AgentOptions {
    /** What happens when an agent instance fails (its function throws, or returns before its stream ended). */
    public enum Supervisor {
        /**
         * The event it failed on goes to the error policy ({@code error_policy}) and the instance is started
         * again (Faust's default, one-for-one supervisor). The default.
         */
        RESTART,
        /**
         * The worker stops with a failure (exit status 1), naming the agent; the event it failed on is not
         * committed, so it is processed again after a restart (Faust's crashing supervisor).
         */
        STOP_WORKER
    }

    private int concurrency = 1;
    private boolean isolatedPartitions;
    private Supervisor supervisor = Supervisor.RESTART;

    /**
     * Run this many instances of the agent, each on its own virtual thread, sharing one buffer. Events of
     * one partition may then be processed out of order; offsets are still committed only up to the first
     * event that is not finished.
     *
     * @param n instances, at least 1
     * @return this
     */
    public AgentOptions concurrency(int n) {
        if (n < 1) {
            throw new ConfigException("agent concurrency must be at least 1, not " + n);
        }
        this.concurrency = n;
        return this;
    }

    /**
     * Run one instance per assigned partition (Faust's {@code isolated_partitions}): each sees the events of
     * its partition only, in order; it is started when the partition is assigned to the worker and stopped
     * (its stream ends) after its events in flight finished when the partition is revoked. Not with
     * {@link #concurrency} above 1.
     *
     * @param isolated whether to isolate partitions
     * @return this
     */
    public AgentOptions isolatedPartitions(boolean isolated) {
        this.isolatedPartitions = isolated;
        return this;
    }

    /**
     * @param strategy what happens when an instance fails
     * @return this
     */
    public AgentOptions supervisor(Supervisor strategy) {
        if (strategy == null) {
            throw new ConfigException("agent supervisor must be RESTART or STOP_WORKER, not null");
        }
        this.supervisor = strategy;
        return this;
    }

    /** @return the number of instances */
    public int concurrency() {
        return concurrency;
    }

    /** @return whether each assigned partition gets an instance of its own */
    public boolean isolatedPartitions() {
        return isolatedPartitions;
    }

    /** @return what happens when an instance fails */
    public Supervisor supervisor() {
        return supervisor;
    }
}
