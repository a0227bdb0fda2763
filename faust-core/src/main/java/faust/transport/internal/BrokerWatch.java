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
 * are held back by the CLI's logging ({@code NetworkClient} at ERROR unless {@code --debug}). Checked once a
 * second on its own thread, not in the fetcher's loop: under exactly-once that loop can wait in a transaction's
 * commit for the whole outage. Reads the consumer's {@code connection-count} and {@code response-total}
 * metrics: no connection at all is an outage; the broker is back when a connection exists AND responses come
 * in (a connection being attempted also counts as one, so the count alone would flap during an outage). A
 * consumer that keeps a connection being attempted through the whole outage is noticed by its connections being
 * closed while no response arrives ({@code connection-close-total}).
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
    private Metric closes;
    private double lastCloses = Double.NaN;
    private double lastResponses = Double.NaN;
    private volatile Thread thread;
    private volatile boolean closed;
    private long disconnectedSince = -1;
    private boolean reported;
    private int outages;

    BrokerWatch(Clock clock, String servers) {
        this.clock = clock;
        this.servers = servers;
    }

    /**
     * Called on the fetcher thread after each poll: finds the consumer's metrics once (the consumer is used by
     * one thread only) and then starts the watch thread; nothing more after that.
     */
    void check(Consumer<?, ?> consumer) {
        if (thread != null || closed) {
            return;
        }
        try {
            bind(consumer.metrics());
        } catch (RuntimeException e) {
            // metrics not available yet: tried again after the next poll
        }
    }

    /**
     * Takes the consumer's metrics and starts checking them once a second on the thread {@code faust-broker-watch}
     * (a metric's value can be read from any thread).
     *
     * @param metrics the consumer's metrics
     */
    void bind(Map<MetricName, ? extends Metric> metrics) {
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().group().equals("consumer-metrics")) {
                switch (e.getKey().name()) {
                    case "connection-count" -> connections = e.getValue();
                    case "response-total" -> responses = e.getValue();
                    case "connection-close-total" -> closes = e.getValue();
                    default -> { }
                }
            }
        }
        if (connections == null || thread != null) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("faust-broker-watch").start(this::run);
    }

    private void run() {
        long next = clock.nanoTime();
        while (!closed) {
            next += CHECK_NANOS;
            try {
                clock.sleepUntil(next);
            } catch (InterruptedException e) {
                return;
            }
            double count = value(connections);
            if (!Double.isNaN(count)) {
                observe(clock.nanoTime(), count, value(responses), value(closes));
            }
        }
    }

    /** Stops the watch thread (the consumer is closing). */
    void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * One check with the consumer's figures.
     *
     * @param now {@link Clock#nanoTime()}
     * @param count connections open or being opened
     * @param answered responses received so far
     * @param closed connections closed so far
     */
    synchronized void observe(long now, double count, double answered, double closedSoFar) {
        boolean answering = Double.isNaN(answered) || answered > lastResponses;
        boolean closing = !Double.isNaN(closedSoFar) && closedSoFar > lastCloses;
        lastResponses = answered;
        lastCloses = closedSoFar;
        if (count < 1 || (!answering && closing)) {
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

    /** @return whether an outage is reported and the broker not back yet */
    synchronized boolean reporting() {
        return reported;
    }

    /** @return outages reported so far */
    synchronized int outages() {
        return outages;
    }

    private static double value(Metric m) {
        if (m == null) {
            return Double.NaN;
        }
        Object v = m.metricValue();
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
