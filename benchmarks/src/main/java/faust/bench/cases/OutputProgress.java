package faust.bench.cases;

import faust.bench.BenchKafka;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Warm-up seen from the outside: polls the output topic's end offsets every {@value #PERIOD_MS} ms while a
 * pass-through runs, then tells how long the first 100k, 500k and 1M output records took from the first
 * output record ({@code warmup_100k_ms}, ...) and the rate over the first 2 s against the whole window.
 */
final class OutputProgress implements AutoCloseable {
    static final long PERIOD_MS = 50;

    private record Point(long wallMs, long records) {
    }

    private final List<Point> points = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param admin admin client (thread-safe)
     * @param topic the output topic
     */
    OutputProgress(Admin admin, String topic) {
        thread = Thread.ofPlatform().daemon().name("bench-output-progress").start(() -> {
            while (running) {
                try {
                    long n = BenchKafka.sum(BenchKafka.endOffsets(admin, topic));
                    synchronized (points) {
                        points.add(new Point(System.currentTimeMillis(), n));
                    }
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the broker was busy: try again at the next period
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param wallMs a moment of the run
     * @return the first poll at or after it: its time and the output records then, or null when none was
     */
    long[] at(long wallMs) {
        synchronized (points) {
            for (Point x : points) {
                if (x.wallMs() >= wallMs) {
                    return new long[] {x.wallMs(), x.records()};
                }
            }
        }
        return null;
    }

    /**
     * @param firstMs append time of the first output record
     * @param windowMs the whole window
     * @param records records of the run
     * @return the warm-up fields
     */
    Map<String, Object> result(long firstMs, long windowMs, long records) {
        List<Point> p;
        synchronized (points) {
            p = List.copyOf(points);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (long mark : new long[] {100_000, 500_000, 1_000_000}) {
            if (mark > records) {
                continue;
            }
            for (Point x : p) {
                if (x.records() >= mark) {
                    m.put("warmup_" + (mark >= 1_000_000 ? mark / 1_000_000 + "m" : mark / 1000 + "k") + "_ms",
                            Math.max(0, x.wallMs() - firstMs));
                    break;
                }
            }
        }
        if (windowMs > 4_000) {
            long at2s = -1;
            for (Point x : p) {
                if (x.wallMs() >= firstMs + 2_000) {
                    at2s = x.records();
                    break;
                }
            }
            if (at2s >= 0) {
                m.put("first_2s_records_per_s", Meter.round(at2s / 2.0));
                m.put("after_2s_records_per_s", Meter.round((records - at2s) / ((windowMs - 2_000) / 1e3)));
            }
        }
        return m;
    }
}
