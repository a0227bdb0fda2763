package faust.worker;

/** Where a worker is in its life. */
public enum WorkerState {
    /** Created, not started. */
    INIT,
    /** Starting its services. */
    STARTING,
    /** Running (ready once partitions are assigned). */
    RUNNING,
    /** Shutting down. */
    STOPPING,
    /** Stopped. */
    STOPPED
}
