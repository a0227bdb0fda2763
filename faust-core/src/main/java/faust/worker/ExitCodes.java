package faust.worker;

/** Exit statuses of {@code faust worker}, as documented in the README and {@code faust worker --help}. */
public final class ExitCodes {
    /** Warm shutdown completed: in-flight events finished, offsets committed. */
    public static final int OK = 0;
    /** The worker failed (a send was lost, the consumer failed, error_policy=stop fired). */
    public static final int FAILED = 1;
    /** Bad usage: unknown option, bad value, bad app, datadir or web port in use. */
    public static final int USAGE = 2;
    /** Cold shutdown (QUIT): stopped without waiting for agents; only fully acked offsets committed. */
    public static final int COLD = 3;
    /** The warm shutdown did not finish within --shutdown-timeout; stuck agents were logged. */
    public static final int SHUTDOWN_TIMEOUT = 4;

    private ExitCodes() {
    }
}
