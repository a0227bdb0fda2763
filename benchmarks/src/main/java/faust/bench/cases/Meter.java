package faust.bench.cases;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures one window of a case run inside the case JVM: wall time, this JVM's CPU, the broker JVM's
 * CPU (from {@code /proc/<pid>/stat}), bytes allocated by all threads, GC and peak heap.
 * {@link #begin()} may be called from any thread (the first record seen); only the first call counts.
 */
public final class Meter {
    private static final long CLK_TCK = clockTicks();

    private final long brokerPid;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile long startNanos;
    private long endNanos;
    private long cpu0;
    private long cpu1;
    private long alloc0;
    private long alloc1;
    private long broker0 = -1;
    private long broker1 = -1;
    private long gcCount0;
    private long gcCount1;
    private long gcMs0;
    private long gcMs1;
    private volatile long heapPeak;
    private volatile boolean sampling;
    private Thread sampler;

    /** @param brokerPid the broker's pid, or 0 when unknown */
    public Meter(long brokerPid) {
        this.brokerPid = brokerPid;
    }

    /** Starts the window; later calls do nothing. */
    public void begin() {
        if (begun.get() || !begun.compareAndSet(false, true)) {
            return;
        }
        broker0 = brokerCpuNanos();
        cpu0 = processCpuNanos();
        alloc0 = allocatedBytes();
        gcCount0 = gcCount();
        gcMs0 = gcMillis();
        heapPeak = heapUsed();
        sampling = true;
        sampler = Thread.ofPlatform().daemon().name("bench-heap-sampler").start(() -> {
            while (sampling) {
                long h = heapUsed();
                if (h > heapPeak) {
                    heapPeak = h;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        startNanos = System.nanoTime();
    }

    /** @return whether {@link #begin()} was called */
    public boolean begun() {
        return begun.get();
    }

    /** @return {@link System#nanoTime()} at the start of the window */
    public long startNanos() {
        return startNanos;
    }

    /**
     * Ends the window.
     *
     * @param atNanos when it ended ({@link System#nanoTime()}), e.g. when the last commit was seen
     */
    public void end(long atNanos) {
        endNanos = atNanos;
        cpu1 = processCpuNanos();
        alloc1 = allocatedBytes();
        broker1 = brokerCpuNanos();
        gcCount1 = gcCount();
        gcMs1 = gcMillis();
        sampling = false;
        if (sampler != null) {
            sampler.interrupt();
        }
    }

    /** @return the window in nanoseconds */
    public long elapsedNanos() {
        return endNanos - startNanos;
    }

    /**
     * @param records records processed in the window (for per-record figures), or 0
     * @return the measurements as JSON fields
     */
    public Map<String, Object> result(long records) {
        Map<String, Object> m = new LinkedHashMap<>();
        double secs = elapsedNanos() / 1e9;
        m.put("elapsed_ms", round(elapsedNanos() / 1e6));
        m.put("cpu_ms", round((cpu1 - cpu0) / 1e6));
        m.put("cpu_cores", round(secs > 0 ? (cpu1 - cpu0) / 1e9 / secs : 0));
        if (broker0 >= 0 && broker1 >= 0) {
            m.put("broker_cpu_ms", round((broker1 - broker0) / 1e6));
            m.put("broker_cpu_cores", round(secs > 0 ? (broker1 - broker0) / 1e9 / secs : 0));
        }
        if (alloc0 >= 0 && alloc1 >= 0) {
            m.put("alloc_bytes", alloc1 - alloc0);
            if (records > 0) {
                // bytes per record = MB per million records
                m.put("alloc_mb_per_m_records", round((alloc1 - alloc0) / (double) records));
            }
        }
        m.put("gc_count", gcCount1 - gcCount0);
        m.put("gc_ms", gcMs1 - gcMs0);
        m.put("heap_peak_mb", round(heapPeak / 1e6));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** @return CPU time of this JVM so far, in nanoseconds */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
    }

    /** @return bytes allocated by every thread of this JVM so far (terminated threads included), or -1 */
    public static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled()) {
                t.setThreadAllocatedMemoryEnabled(true);
            }
            return t.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private long brokerCpuNanos() {
        return brokerPid > 0 ? procCpuNanos(brokerPid) : -1;
    }

    /**
     * @param pid a process on this machine
     * @return its user+system CPU time from {@code /proc/<pid>/stat}, or -1
     */
    public static long procCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may contain spaces and parentheses: fields start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // after the name: state(3) ppid(4) ... utime(14) stime(15), so index 11 and 12 here
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLK_TCK);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            long v = Long.parseLong(out);
            return v > 0 ? v : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
