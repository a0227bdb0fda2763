package faust.transport.internal;

import faust.Setting;
import faust.Settings;
import java.time.Duration;

/** What {@code processing_guarantee} changes: transactions, and the default commit interval. */
public final class Guarantee {
    /** The commit interval under exactly-once when {@code broker_commit_interval} is not set (as Kafka Streams). */
    public static final Duration EXACTLY_ONCE_COMMIT_INTERVAL = Duration.ofMillis(100);

    private Guarantee() {
    }

    /**
     * @param settings resolved settings
     * @return whether {@code processing_guarantee} is {@code exactly_once}
     */
    public static boolean exactlyOnce(Settings settings) {
        return "exactly_once".equals(settings.text(Setting.PROCESSING_GUARANTEE));
    }

    /**
     * @param settings resolved settings
     * @return {@code broker_commit_interval}; when it is not set, 100 ms under exactly-once (a transaction per
     *     interval: the latency of outputs to read_committed readers) and its default otherwise
     */
    public static Duration commitInterval(Settings settings) {
        if (exactlyOnce(settings) && !settings.isConfigured(Setting.BROKER_COMMIT_INTERVAL)) {
            return EXACTLY_ONCE_COMMIT_INTERVAL;
        }
        return settings.duration(Setting.BROKER_COMMIT_INTERVAL);
    }
}
