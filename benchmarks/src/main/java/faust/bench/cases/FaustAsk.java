package faust.bench.cases;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.YieldingAgent;
import faust.bench.CaseArgs;
import faust.spi.Apps;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code agent.ask} round trips: a worker runs a yielding agent that emits each request's value plus one; a client
 * app in the same JVM but outside the worker (its own producer and reply consumer, as {@code faust -A app
 * <command>} or a web service would ask) asks it. Two phases of {@code --latency-seconds} each, after
 * {@code --latency-warmup-seconds} of untimed asks:
 * <ol>
 *   <li>{@code seq_*}: one ask at a time ({@code ask(key, value)}): round trips per second and latency;</li>
 *   <li>{@code par_*}: {@value #WINDOW} asks in flight ({@code askNowait}): asks per second and latency.</li>
 * </ol>
 * Keys spread the requests over the agent topic's {@code --partitions}; the producers linger {@code --linger-ms}
 * like every case's.
 */
public final class FaustAsk implements BenchCase {
    static final int WINDOW = 64;

    @Override
    public Map<String, Object> run(CaseArgs a) throws Exception {
        App server = app(a.prefix());
        FaustRunner worker = FaustRunner.start(server, a, false);
        Map<String, Object> m = new LinkedHashMap<>();
        App client = app(a.prefix());
        try {
            m.put("ready_ms", Meter.round(worker.awaitReady(Duration.ofSeconds(60))));
            Map<Setting, Settings.Flag> flags = new EnumMap<>(FaustRunner.flags(a, false));
            // a reply topic named after the run, so that the coordinator deletes it with the run's topics
            flags.put(Setting.REPLY_TO, new Settings.Flag("bench", a.prefix() + "-replies"));
            Apps.configure(client, System.getenv(), flags);
            @SuppressWarnings("unchecked")
            YieldingAgent<byte[], Integer, Integer> agent =
                    (YieldingAgent<byte[], Integer, Integer>) client.agents().getFirst();
            byte[][] keys = new byte[a.partitions() * 4][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ("ask-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            sequential(agent, keys, a.latencyWarmupSeconds(), null, null);
            Meter seqMeter = new Meter(a.brokerPid());
            Histogram seq = new Histogram(60_000_000L, 3);
            long n = sequential(agent, keys, a.latencySeconds(), seq, seqMeter);
            put(m, "seq_", n, seqMeter, seq);
            Meter parMeter = new Meter(a.brokerPid());
            Histogram par = new Histogram(60_000_000L, 3);
            long p = windowed(agent, keys, a.latencySeconds(), par, parMeter);
            put(m, "par_", p, parMeter, par);
        } finally {
            client.close();
            m.putAll(worker.stop());
        }
        return m;
    }

    private static App app(String id) {
        App app = App.create(id);
        app.agent("echo", Integer.class, Integer.class, (stream, out) -> {
            for (Integer v : stream) {
                out.emit(v + 1);
            }
        }, o -> { });
        return app;
    }

    /** @return asks answered in the window (each checked) */
    private static long sequential(YieldingAgent<byte[], Integer, Integer> agent, byte[][] keys, int seconds,
                                   Histogram h, Meter meter) {
        if (meter != null) {
            meter.begin();
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        long now = System.nanoTime();
        while (now < end) {
            int v = (int) n;
            Integer reply = agent.ask(keys[(int) (n % keys.length)], v);
            long after = System.nanoTime();
            check(reply, v);
            if (h != null) {
                h.recordValue(Math.max(1, (after - now) / 1000));
            }
            n++;
            now = after;
        }
        if (meter != null) {
            meter.end(now);
        }
        return n;
    }

    private record InFlight(long sentNanos, CompletableFuture<Long> answeredNanos) {
    }

    /** @return asks answered in the window, with {@value #WINDOW} in flight */
    private static long windowed(YieldingAgent<byte[], Integer, Integer> agent, byte[][] keys, int seconds,
                                 Histogram h, Meter meter) throws Exception {
        meter.begin();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ArrayDeque<InFlight> window = new ArrayDeque<>(WINDOW);
        long sent = 0;
        long done = 0;
        long last = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            while (now < end && window.size() < WINDOW) {
                int v = (int) sent;
                CompletableFuture<Long> answered = agent.askNowait(keys[(int) (sent % keys.length)], v)
                        .thenApply(reply -> {
                            long at = System.nanoTime(); // on the reply consumer's thread, as it completes
                            check(reply, v);
                            return at;
                        });
                window.add(new InFlight(now, answered));
                sent++;
            }
            InFlight oldest = window.poll();
            if (oldest == null) {
                break;
            }
            long at = oldest.answeredNanos().get(60, TimeUnit.SECONDS);
            last = Math.max(last, at);
            h.recordValue(Math.max(1, (at - oldest.sentNanos()) / 1000));
            done++;
        }
        meter.end(last);
        return done;
    }

    private static void check(Integer reply, int asked) {
        if (reply == null || reply != asked + 1) {
            throw new IllegalStateException("ask(" + asked + ") was answered " + reply + ", not " + (asked + 1));
        }
    }

    private static void put(Map<String, Object> m, String prefix, long n, Meter meter, Histogram h) {
        Map<String, Object> r = meter.result(n);
        double secs = meter.elapsedNanos() / 1e9;
        m.put(prefix + "asks", n);
        m.put(prefix + "asks_per_s", Meter.round(n / secs));
        m.put(prefix + "p50_ms", Meter.round(h.getValueAtPercentile(50) / 1000.0));
        m.put(prefix + "p99_ms", Meter.round(h.getValueAtPercentile(99) / 1000.0));
        m.put(prefix + "p999_ms", Meter.round(h.getValueAtPercentile(99.9) / 1000.0));
        m.put(prefix + "max_ms", Meter.round(h.getMaxValue() / 1000.0));
        m.put(prefix + "cpu_cores", r.get("cpu_cores"));
        if (r.containsKey("broker_cpu_cores")) {
            m.put(prefix + "broker_cpu_cores", r.get("broker_cpu_cores"));
        }
        if (r.containsKey("alloc_mb_per_m_records")) {
            m.put(prefix + "alloc_kb_per_ask", Meter.round(((Number) r.get("alloc_bytes")).doubleValue() / n / 1000));
        }
    }
}
