package faust.transport.internal;

import faust.internal.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the worker's consumer has no connection to any broker for a while and says so in ONE line, and
 * once more when the brokers answer again (with how long it took). The Kafka clients' own per-attempt warnings
 * are held back by the CLI's logging ({@code NetworkClient} at ERROR unless {@code --debug}). Checked from the
 * fetcher's loop at most once a second; reads the consumer's {@code connection-count} and {@code response-total}
 * metrics: no connection at all is an outage; the broker is back when a connection exists AND responses come
 * in (a connection being attempted also counts as one, so the count alone would flap during an outage).
 */
final class BrokerWatch {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Without a connection for this long is an outage (a reconnect after a broker's roll is not). */
    private static final long OUTAGE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Clock clock;
    private final String servers;
    private Metric connections;
    private Metric responses;
    private double lastResponses = Double.NaN;
    private long nextCheck;
    private long disconnectedSince = -1;
    private boolean reported;
    private int outages;

    BrokerWatch(Clock clock, String servers) {
        this.clock = clock;
        this.servers = servers;
    }

    /** Called on the fetcher thread after each poll. */
    void check(Consumer<?, ?> consumer) {
        long now = clock.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + CHECK_NANOS;
        double count = connectionCount(consumer);
        if (Double.isNaN(count)) {
            return;
        }
        double answered = value(responses);
        boolean answering = Double.isNaN(answered) || answered > lastResponses;
        lastResponses = answered;
        if (count < 1) {
            if (disconnectedSince < 0) {
                disconnectedSince = now;
            } else if (!reported && now - disconnectedSince >= OUTAGE_NANOS) {
                reported = true;
                outages++;
                LOG.warn("lost the connection to the broker at {}: retrying until it answers; events wait and"
                        + " nothing is committed meanwhile (nothing is lost)", servers);
            }
        } else if (answering || disconnectedSince < 0) {
            if (reported) {
                LOG.info("the broker at {} answers again after {} s without it; resuming",
                        servers, String.format("%.1f", (now - disconnectedSince) / 1e9));
            }
            disconnectedSince = -1;
            reported = false;
        }
    }

    /** @return outages reported so far */
    int outages() {
        return outages;
    }

    private double connectionCount(Consumer<?, ?> consumer) {
        if (connections == null) {
            try {
                for (Map.Entry<MetricName, ? extends Metric> e : consumer.metrics().entrySet()) {
                    if (e.getKey().group().equals("consumer-metrics")) {
                        if (e.getKey().name().equals("connection-count")) {
                            connections = e.getValue();
                        } else if (e.getKey().name().equals("response-total")) {
                            responses = e.getValue();
                        }
                    }
                }
            } catch (RuntimeException e) {
                return Double.NaN;
            }
            if (connections == null) {
                return Double.NaN;
            }
        }
        return value(connections);
    }

    private static double value(Metric m) {
        if (m == null) {
            return Double.NaN;
        }
        Object v = m.metricValue();
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
