package faust.bench.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples a process from the outside every {@value #PERIOD_MS} ms: its CPU time (utime + stime from
 * {@code /proc/<pid>/stat}) and resident set ({@code VmRSS}), and the broker's CPU, each with the wall
 * clock ({@link System#currentTimeMillis()}, the clock the broker stamps records with). After the run,
 * {@link #cpuNanos} and {@link #peakRss} answer for any window, e.g. from the first to the last output
 * record as the broker stamped them. Works the same for the case JVM itself (in-process cases) and for a
 * worker started by {@code bin/faust}.
 */
final class ProcSampler implements AutoCloseable {
    static final long PERIOD_MS = 20;

    private record Sample(long wallMs, long cpuNanos, long rssBytes, long brokerCpuNanos) {
    }

    private final long pid;
    private final long brokerPid;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param pid the process measured
     * @param brokerPid the broker's pid, or 0
     */
    ProcSampler(long pid, long brokerPid) {
        this.pid = pid;
        this.brokerPid = brokerPid;
        sample();
        thread = Thread.ofPlatform().daemon().name("bench-proc-sampler").start(() -> {
            while (running) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        });
    }

    /** @return the process measured */
    long pid() {
        return pid;
    }

    private void sample() {
        long wall = System.currentTimeMillis();
        long cpu = Meter.procCpuNanos(pid);
        long rss = rssBytes(pid);
        long broker = brokerPid > 0 ? Meter.procCpuNanos(brokerPid) : -1;
        if (cpu >= 0) {
            synchronized (samples) {
                samples.add(new Sample(wall, cpu, rss, broker));
            }
        }
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /**
     * @param fromMs window start, wall clock ms
     * @param toMs window end
     * @return CPU nanoseconds the process used in the window (interpolated between samples), or -1
     */
    long cpuNanos(long fromMs, long toMs) {
        return at(fromMs, toMs, false);
    }

    /**
     * @param fromMs window start
     * @param toMs window end
     * @return CPU nanoseconds the broker used in the window, or -1 when it is not measured
     */
    long brokerCpuNanos(long fromMs, long toMs) {
        return brokerPid > 0 ? at(fromMs, toMs, true) : -1;
    }

    private long at(long fromMs, long toMs, boolean broker) {
        List<Sample> s;
        synchronized (samples) {
            s = List.copyOf(samples);
        }
        double a = interpolate(s, fromMs, broker);
        double b = interpolate(s, toMs, broker);
        return Double.isNaN(a) || Double.isNaN(b) ? -1 : Math.round(b - a);
    }

    private static double interpolate(List<Sample> s, long t, boolean broker) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        Sample prev = null;
        for (Sample x : s) {
            long v = broker ? x.brokerCpuNanos() : x.cpuNanos();
            if (v < 0) {
                return Double.NaN;
            }
            if (x.wallMs() >= t) {
                if (prev == null || x.wallMs() == prev.wallMs()) {
                    return v;
                }
                long pv = broker ? prev.brokerCpuNanos() : prev.cpuNanos();
                double f = (t - prev.wallMs()) / (double) (x.wallMs() - prev.wallMs());
                return pv + f * (v - pv);
            }
            prev = x;
        }
        return broker ? prev.brokerCpuNanos() : prev.cpuNanos();
    }

    /**
     * @param fromMs window start
     * @param toMs window end
     * @return the largest resident set sampled in the window (or the sample nearest to it), or -1
     */
    long peakRss(long fromMs, long toMs) {
        long peak = -1;
        synchronized (samples) {
            for (Sample x : samples) {
                if (x.wallMs() >= fromMs - PERIOD_MS && x.wallMs() <= toMs + PERIOD_MS) {
                    peak = Math.max(peak, x.rssBytes());
                }
            }
        }
        return peak;
    }

    /** @return the process's peak resident set so far (VmHWM), or -1 */
    long highWaterMark() {
        return statusField(pid, "VmHWM:");
    }

    /**
     * @param pid a process
     * @return its resident set (VmRSS), or -1
     */
    static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return -1;
    }
}
