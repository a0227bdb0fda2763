package faust.bench.cases;

/**
 * The processing guarantee of this case JVM's run: at-least-once unless an {@code -eos} case asked for exactly-once
 * (Kafka Streams {@code exactly_once_v2}, Faust {@code processing_guarantee=exactly_once}); the commit interval
 * stays the common {@code --commit-interval-ms}.
 */
public final class Guarantees {
    private static volatile boolean exactlyOnce;

    private Guarantees() {
    }

    /** This run is exactly-once. */
    public static void exactlyOnce() {
        exactlyOnce = true;
    }

    static boolean isExactlyOnce() {
        return exactlyOnce;
    }
}
