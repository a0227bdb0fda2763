package faust;

/** Options of an agent, set in the lambda given to {@code app.agent(..., opts -> opts.concurrency(4))}. */
public final class AgentOptions {
    private int concurrency = 1;

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

    /** @return the number of instances */
    public int concurrency() {
        return concurrency;
    }
}
