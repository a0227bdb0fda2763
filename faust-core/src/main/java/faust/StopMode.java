package faust;

/**
 * How a worker stops: the one stop-mode type of the runtime, from the signal handlers down to the consumer.
 * Stronger modes come later in the order; a stronger stop given during a weaker one takes over.
 */
public enum StopMode {
    /** Stop fetching, let in-flight events finish (bounded by {@code shutdown_timeout}), flush, commit, leave the group. */
    WARM,
    /** Stop at once without waiting for agents; commit only offsets already fully acked. */
    COLD,
    /** The worker failed (a send was lost, error_policy=stop): commit nothing more, close at once. */
    FATAL;

    /**
     * @param other another mode, or null
     * @return whether this mode is stronger than {@code other} (any mode is stronger than none)
     */
    public boolean strongerThan(StopMode other) {
        return other == null || ordinal() > other.ordinal();
    }
}
