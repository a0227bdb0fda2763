package faust.sensors.internal;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The sensors as JSON-ready maps: Faust's {@code Monitor} fields for the status document ({@code GET /}), and the
 * figures and history the dashboard draws.
 */
public final class StatsJson {
    private final Sensors sensors;

    /** @param sensors the worker's sensors */
    public StatsJson(Sensors sensors) {
        this.sensors = sensors;
    }

    /**
     * Faust's {@code Monitor.asdict()} fields, as far as they apply, plus the consumer lag of Faust's
     * {@code /performance/}. Latencies are in seconds, as Faust's; the latency lists are the means of the last
     * 30 seconds that had any (Faust keeps the last 30 values).
     *
     * @return the fields
     */
    public Map<String, Object> monitor() {
        Sampler.Counts c = sensors.sampler().counts();
        Sampler.Point latest = sensors.sampler().latest();
        List<Sampler.Point> recent = sensors.sampler().history(Sampler.KEEP);
        List<PartitionSource> parts = sensors.partitions().assigned();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messages_active", parts.stream().mapToLong(PartitionSource::outstanding).sum());
        m.put("messages_received_total", c.received());
        m.put("messages_received_by_topic", c.receivedByTopic());
        m.put("messages_sent", c.sent());
        m.put("messages_sent_by_topic", c.sentByTopic());
        m.put("messages_s", latest == null ? 0.0 : round(latest.messagesS()));
        m.put("events_active", sensors.agentSources().values().stream().mapToInt(a -> a.active().getAsInt()).sum());
        m.put("events_total", c.events());
        m.put("events_s", latest == null ? 0.0 : round(latest.eventsS()));
        m.put("events_runtime_avg", round(runtimeAvg()));
        m.put("events_by_stream", c.eventsByAgent());
        m.put("commit_latency", lastMeans(recent, true));
        m.put("commits", sensors.commits().latency().count());
        m.put("commit_failures", (long) sensors.commits().failures());
        m.put("send_latency", lastMeans(recent, false));
        m.put("send_errors", c.sendErrors());
        m.put("rebalances", (long) sensors.rebalances().count());
        m.put("rebalance_return_avg", round(sensors.rebalances().revokeDuration().mean(TimeUnit.SECONDS)));
        m.put("rebalance_end_avg", round(sensors.rebalances().duration().mean(TimeUnit.SECONDS)));
        Map<String, Object> tables = new LinkedHashMap<>();
        for (TableSource.TableStats t : sensors.tableSource().tables()) {
            tables.put(t.name(), Map.of("keys_retrieved", t.gets(), "keys_updated", t.puts() + t.changes(),
                    "keys_deleted", t.deletes(), "keys", t.keys()));
        }
        m.put("tables", tables);
        Map<String, Long> committed = new TreeMap<>();
        Map<String, Long> read = new TreeMap<>();
        Map<String, Long> end = new TreeMap<>();
        Map<String, Long> lag = new TreeMap<>();
        long lagTotal = 0;
        for (PartitionSource p : parts) {
            String tp = p.topic() + "-" + p.partition();
            putKnown(committed, tp, p.committedOffset());
            putKnown(read, tp, p.readOffset());
            putKnown(end, tp, p.endOffset());
            putKnown(lag, tp, p.lag());
            lagTotal += Math.max(0, p.lag());
        }
        m.put("topic_committed_offsets", committed);
        m.put("topic_read_offsets", read);
        m.put("topic_end_offsets", end);
        m.put("lag_total", lagTotal);
        m.put("lag_by_partition", lag);
        m.put("errors", sensors.errors().total());
        m.put("dead_letters", sensors.errors().deadLetters());
        return m;
    }

    private double runtimeAvg() {
        long n = 0;
        double total = 0;
        for (String a : sensors.agentSources().keySet()) {
            Timer t = sensors.agentTimer(a);
            n += t.count();
            total += t.totalTime(TimeUnit.SECONDS);
        }
        return n == 0 ? 0 : total / n;
    }

    private static List<Double> lastMeans(List<Sampler.Point> recent, boolean commit) {
        List<Double> out = new ArrayList<>();
        for (int i = recent.size() - 1; i >= 0 && out.size() < 30; i--) {
            double ms = commit ? recent.get(i).commitMs() : recent.get(i).sendMs();
            if (!Double.isNaN(ms)) {
                out.add(0, round(ms / 1000));
            }
        }
        return out;
    }

    private static void putKnown(Map<String, Long> m, String k, long v) {
        if (v >= 0) {
            m.put(k, v);
        }
    }

    /**
     * The worker's figures for the dashboard.
     *
     * @param seconds seconds of history to include
     * @return agents, partitions, tables, recovery, errors and the history
     */
    public Map<String, Object> dashboard(int seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        Sampler.Point latest = sensors.sampler().latest();
        List<Map<String, Object>> agents = new ArrayList<>();
        sensors.agentSources().forEach((name, a) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", name);
            x.put("topic", a.topic());
            x.put("concurrency", a.concurrency());
            x.put("events", a.events().getAsLong());
            x.put("events_s", latest == null ? 0.0 : round(latest.eventsSByAgent().getOrDefault(name, 0.0)));
            x.put("active", a.active().getAsInt());
            x.put("buffer", a.buffered().getAsInt());
            x.put("buffer_max", a.capacity());
            x.put("errors", sensors.errors().errors(name));
            Timer t = sensors.agentTimer(name);
            x.put("runtime_ms", t == null ? null : percentilesMs(t));
            agents.add(x);
        });
        m.put("agents", agents);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (PartitionSource p : sensors.partitions().assigned()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("topic", p.topic());
            x.put("partition", p.partition());
            x.put("received", p.received());
            x.put("read", known(p.readOffset()));
            x.put("committed", known(p.committedOffset()));
            x.put("end", known(p.endOffset()));
            x.put("lag", known(p.lag()));
            parts.add(x);
        }
        parts.sort((a, b) -> a.get("topic").equals(b.get("topic"))
                ? Integer.compare((Integer) a.get("partition"), (Integer) b.get("partition"))
                : ((String) a.get("topic")).compareTo((String) b.get("topic")));
        m.put("partitions", parts);
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableSource.TableStats t : sensors.tableSource().tables()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", t.name());
            x.put("keys", t.keys());
            x.put("active", t.active());
            x.put("standby", t.standby());
            x.put("gets", t.gets());
            x.put("writes", t.puts() + t.changes());
            tables.add(x);
        }
        m.put("tables", tables);
        TableSource.Recovery r = sensors.tableSource().recovery();
        List<Map<String, Object>> rec = new ArrayList<>();
        for (TableSource.Recovering p : r.recovering()) {
            rec.add(Map.of("table", p.table(), "partition", p.partition(), "from", p.from(), "position", p.position(),
                    "target", p.target()));
        }
        m.put("recovery", Map.of("records_read", r.recordsRead(), "records_left", r.left(), "records_s",
                latest == null ? 0.0 : round(latest.recoveryS()), "partitions", rec));
        List<Map<String, Object>> errs = new ArrayList<>();
        for (ErrorLog.Entry e : sensors.errors().recent()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("time", e.time());
            x.put("where", e.where());
            x.put("at", e.topic() == null ? null : e.topic() + "-" + e.partition() + "@" + e.offset());
            x.put("error", e.error());
            x.put("action", e.action());
            errs.add(x);
        }
        m.put("errors", errs);
        m.put("errors_total", sensors.errors().total());
        m.put("dead_letters", sensors.errors().deadLetters());
        m.put("commit_ms", percentilesMs(sensors.commits().latency()));
        m.put("send_ms", percentilesMs(sensors.sendLatency()));
        m.put("rebalances", (long) sensors.rebalances().count());
        m.put("history", history(sensors.sampler().history(seconds)));
        return m;
    }

    private static Map<String, Object> history(List<Sampler.Point> points) {
        List<Long> t = new ArrayList<>();
        List<Double> messages = new ArrayList<>();
        List<Double> events = new ArrayList<>();
        List<Double> sent = new ArrayList<>();
        List<Long> lag = new ArrayList<>();
        List<Double> commit = new ArrayList<>();
        List<Long> recoveryLeft = new ArrayList<>();
        Map<String, List<Double>> agents = new LinkedHashMap<>();
        Map<String, List<Long>> topics = new TreeMap<>();
        for (int i = 0; i < points.size(); i++) {
            Sampler.Point p = points.get(i);
            t.add(p.time());
            messages.add(round(p.messagesS()));
            events.add(round(p.eventsS()));
            sent.add(round(p.sentS()));
            lag.add(p.lag());
            commit.add(Double.isNaN(p.commitMs()) ? null : round(p.commitMs()));
            recoveryLeft.add(p.recoveryLeft());
            int at = i;
            p.eventsSByAgent().forEach((a, v) -> series(agents, a, at).set(at, round(v)));
            p.lagByTopic().forEach((topic, v) -> series(topics, topic, at).set(at, v < 0 ? null : v));
        }
        agents.values().forEach(l -> pad(l, t.size()));
        topics.values().forEach(l -> pad(l, t.size()));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("t", t);
        h.put("messages_s", messages);
        h.put("events_s", events);
        h.put("sent_s", sent);
        h.put("lag", lag);
        h.put("commit_ms", commit);
        h.put("recovery_left", recoveryLeft);
        h.put("agents_events_s", agents);
        h.put("topics_lag", topics);
        return h;
    }

    private static <T> void pad(List<T> l, int size) {
        while (l.size() < size) {
            l.add(null);
        }
    }

    private static <T> List<T> series(Map<String, List<T>> m, String key, int upTo) {
        List<T> l = m.computeIfAbsent(key, k -> new ArrayList<>());
        while (l.size() <= upTo) {
            l.add(null);
        }
        return l;
    }

    private static Map<String, Object> percentilesMs(Timer t) {
        HistogramSnapshot s = t.takeSnapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("mean", round(s.mean(TimeUnit.MILLISECONDS)));
        for (ValueAtPercentile v : s.percentileValues()) {
            m.put(v.percentile() == 0.5 ? "p50" : v.percentile() == 0.99 ? "p99" : "p" + v.percentile(),
                    round(v.value(TimeUnit.MILLISECONDS)));
        }
        m.put("max", round(s.max(TimeUnit.MILLISECONDS)));
        return m;
    }

    private static Long known(long v) {
        return v < 0 ? null : v;
    }

    private static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0;
        }
        return Math.round(v * 1000) / 1000.0;
    }
}
