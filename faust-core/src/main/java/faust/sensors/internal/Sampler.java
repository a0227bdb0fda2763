package faust.sensors.internal;

import faust.internal.Clock;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second (thread {@code faust-sensors}), reads the worker's counters and keeps the rates and lags of the
 * last {@value #KEEP} seconds: what Faust's Monitor computes with its sampler, and what the dashboard draws.
 */
public final class Sampler {
    /** Seconds of history kept. */
    public static final int KEEP = 300;
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
    private static final long SECOND = 1_000_000_000L;

    /**
     * Cumulative counts at one moment.
     *
     * @param time when (epoch milliseconds)
     * @param nanos when ({@link Clock#nanoTime()})
     * @param receivedByTopic messages received, by topic
     * @param eventsByAgent events, by agent
     * @param sentByTopic records sent, by topic
     * @param sendErrors records not sent
     * @param commits commits so far and their total time (ns)
     * @param sendTimed timed sends and their total time (ns)
     * @param recoveryRead changelog records read
     */
    record Counts(long time, long nanos, Map<String, Long> receivedByTopic, Map<String, Long> eventsByAgent,
                  Map<String, Long> sentByTopic, long sendErrors, long[] commits, long[] sendTimed,
                  long recoveryRead) {
        long received() {
            return receivedByTopic.values().stream().mapToLong(Long::longValue).sum();
        }

        long events() {
            return eventsByAgent.values().stream().mapToLong(Long::longValue).sum();
        }

        long sent() {
            return sentByTopic.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One second of history.
     *
     * @param time when (epoch milliseconds)
     * @param messagesS messages received per second
     * @param eventsS events per second
     * @param sentS records sent per second
     * @param eventsSByAgent events per second, by agent
     * @param lagByTopic consumer lag summed over the topic's assigned partitions (-1 unknown)
     * @param commitMs mean commit latency in the second (NaN without commits)
     * @param sendMs mean sampled send latency in the second (NaN without samples)
     * @param recoveryLeft changelog records left to recover
     * @param recoveryS changelog records read per second
     */
    public record Point(long time, double messagesS, double eventsS, double sentS, Map<String, Double> eventsSByAgent,
                        Map<String, Long> lagByTopic, double commitMs, double sendMs, long recoveryLeft,
                        double recoveryS) {
        /** @return the lag summed over every topic */
        public long lag() {
            return lagByTopic.values().stream().mapToLong(l -> Math.max(0, l)).sum();
        }
    }

    private final Sensors sensors;
    private final Clock clock;
    private final ArrayDeque<Point> history = new ArrayDeque<>();
    private volatile SendSource sendSource = SendSource.NONE;
    private volatile Counts last;
    private volatile Thread thread;
    private volatile boolean stopped;

    Sampler(Sensors sensors, Clock clock) {
        this.sensors = sensors;
        this.clock = clock;
    }

    void sendSource(SendSource s) {
        this.sendSource = s;
    }

    void start() {
        Thread t = Thread.ofPlatform().name("faust-sensors").daemon().unstarted(this::run);
        thread = t;
        t.start();
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long next = clock.nanoTime();
        while (!stopped) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.debug("sampling the sensors: {}", e.toString(), e);
            }
            next += SECOND;
            long wait = next - clock.nanoTime();
            if (wait < 0) {
                next = clock.nanoTime(); // fell behind (a long GC pause): carry on from now
                wait = SECOND;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the counters now and adds one point to the history (the sampler thread; tests call it by hand). */
    public void tick() {
        sensors.sends().arm(); // a producer sending fewer than SendMeters.EVERY records a second is timed too
        Counts now = counts();
        Counts before = last;
        last = now;
        if (before == null) {
            return;
        }
        double secs = Math.max(1e-3, (now.nanos() - before.nanos()) / 1e9);
        Map<String, Double> byAgent = new LinkedHashMap<>();
        now.eventsByAgent().forEach((a, n) -> byAgent.put(a, Math.max(0, n - before.eventsByAgent().getOrDefault(a, n)) / secs));
        Map<String, Long> lag = new TreeMap<>();
        for (PartitionSource p : sensors.partitions().assigned()) {
            long l = p.lag();
            lag.merge(p.topic(), l, (a, b) -> a < 0 || b < 0 ? Math.max(a, b) : a + b);
        }
        TableSource.Recovery recovery = sensors.tableSource().recovery();
        Point point = new Point(now.time(), Math.max(0, now.received() - before.received()) / secs,
                Math.max(0, now.events() - before.events()) / secs, Math.max(0, now.sent() - before.sent()) / secs,
                byAgent, lag, meanMs(now.commits(), before.commits()), meanMs(now.sendTimed(), before.sendTimed()),
                recovery.left(), Math.max(0, now.recoveryRead() - before.recoveryRead()) / secs);
        synchronized (history) {
            history.addLast(point);
            if (history.size() > KEEP) {
                history.removeFirst();
            }
        }
    }

    private static double meanMs(long[] now, long[] before) {
        long n = now[0] - before[0];
        return n <= 0 ? Double.NaN : (now[1] - before[1]) / 1e6 / n;
    }

    /** @return the counts now (cumulative since the worker started) */
    Counts counts() {
        Map<String, Long> events = new LinkedHashMap<>();
        sensors.agentSources().forEach((name, a) -> events.put(name, a.events().getAsLong()));
        Map<String, Long> sent = new TreeMap<>();
        long errors = 0;
        Map<String, SendSource.Counts> byTopic = sendSource.byTopic();
        sensors.sentCounts(byTopic);
        for (var e : byTopic.entrySet()) {
            sent.put(e.getKey(), e.getValue().sent());
            errors += e.getValue().errors();
        }
        return new Counts(clock.millis(), clock.nanoTime(), sensors.partitions().receivedByTopic(), events, sent, errors,
                timed(sensors.commits().latency()), timed(sensors.sendLatency()),
                sensors.tableSource().recovery().recordsRead());
    }

    private static long[] timed(Timer t) {
        return new long[] {t.count(), (long) t.totalTime(TimeUnit.NANOSECONDS)};
    }

    /**
     * @param seconds how many seconds back
     * @return the points of the last {@code seconds} seconds, oldest first
     */
    public List<Point> history(int seconds) {
        synchronized (history) {
            List<Point> all = new ArrayList<>(history);
            return all.subList(Math.max(0, all.size() - seconds), all.size());
        }
    }

    /** @return the newest point, or null before the second tick */
    public Point latest() {
        synchronized (history) {
            return history.peekLast();
        }
    }
}
