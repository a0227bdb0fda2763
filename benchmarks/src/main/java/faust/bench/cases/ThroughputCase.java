package faust.bench.cases;

import faust.bench.BenchKafka;
import faust.bench.CaseArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * The shape every throughput case shares: read the whole pre-loaded input with a fresh group until the
 * group's committed offsets reach the input's end offsets ({@link Completion}), then stop and check the
 * output. Every case is timed the same way, from the outside ({@link OutputWindow}): from the first to the
 * last record written to its timed topic (the output of a pass-through, the changelog of a count), which the
 * harness creates with broker append times. CPU and resident set over that window come from
 * {@code /proc} ({@link ProcSampler}), of the case JVM for in-process cases and of the worker's JVM for the
 * {@code bin/faust} cases. The in-process cases also report their {@link Meter} figures (allocation, heap,
 * GC) over their own window, first record fetched to commits complete.
 */
abstract class ThroughputCase implements BenchCase {

    /** A started system under test. */
    interface Running {
        /** @return why it failed, or null while it is fine */
        String failure();

        /**
         * Stops it.
         *
         * @return extra JSON fields (e.g. the worker's exit status)
         * @throws Exception when stopping failed
         */
        Map<String, Object> stop() throws Exception;

        /** @return the process that runs it (this JVM unless it was started as a process of its own) */
        default long pid() {
            return ProcessHandle.current().pid();
        }
    }

    /** @return whether the case writes to {@code <prefix>-out} (created before the start, counted after) */
    boolean writesOutput() {
        return true;
    }

    /** @return whether the system under test runs in the case JVM (its {@link Meter} figures are reported) */
    boolean inProcess() {
        return true;
    }

    /**
     * @param a the arguments
     * @return the topic whose first and last records time the run: the output, or the count's changelog
     *     ({@code <app id>-counts-changelog} for Faust and Kafka Streams alike), which the harness creates
     */
    String timedTopic(CaseArgs a) {
        return writesOutput() ? a.prefix() + "-out" : a.prefix() + "-counts-changelog";
    }

    /**
     * Starts the system under test; in-process cases call {@code meter.begin()} when they see their first
     * record.
     *
     * @param a the arguments
     * @param output the output topic
     * @param meter the meter
     * @return the running system
     * @throws Exception when it could not start
     */
    abstract Running start(CaseArgs a, String output, Meter meter) throws Exception;

    /**
     * @param a the arguments
     * @return a topic the case writes and reads again (a repartition topic), whose commits by the group also end
     *     the run once the input's did; null when none
     */
    String secondStage(CaseArgs a) {
        return null;
    }

    /**
     * @param a the arguments
     * @return the consumer group whose commits end the run
     */
    String group(CaseArgs a) {
        return a.prefix();
    }

    @Override
    public final Map<String, Object> run(CaseArgs a) throws Exception {
        try (Admin admin = BenchKafka.admin(a.bootstrap())) {
            Map<TopicPartition, Long> end = BenchKafka.endOffsets(admin, a.input());
            long records = BenchKafka.sum(end);
            if (records == 0) {
                throw new IllegalStateException("input topic " + a.input() + " is empty or missing");
            }
            String output = a.prefix() + "-out";
            String timed = timedTopic(a);
            OutputWindow.createStamped(admin, timed, a.partitions(), !writesOutput());
            Meter meter = new Meter(a.brokerPid());
            Running running = start(a, output, meter);
            Map<String, Object> extra;
            long doneWall;
            long hwm;
            ProcSampler sampler = new ProcSampler(running.pid(), a.brokerPid());
            OutputProgress progress = writesOutput() ? new OutputProgress(admin, output) : null;
            try {
                Duration timeout = Duration.ofSeconds(600 + records / 5_000);
                long done = new Completion(admin, group(a), end).await(timeout, running::failure);
                String second = secondStage(a);
                if (second != null) {
                    // the input is committed once its records reached the second stage, which is final now
                    done = new Completion(admin, group(a), BenchKafka.endOffsets(admin, second))
                            .await(timeout, running::failure);
                }
                doneWall = System.currentTimeMillis();
                meter.end(done);
            } finally {
                hwm = sampler.highWaterMark();
                sampler.close();
                if (progress != null) {
                    progress.close();
                }
                extra = running.stop();
            }
            OutputWindow w = OutputWindow.of(admin, timed);
            if (w == null) {
                throw new IllegalStateException("nothing was written to " + timed);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            double secs = w.millis() / 1e3;
            m.put("records", records);
            m.put("records_per_s", Meter.round(records / secs));
            m.put("mb_per_s", Meter.round(records * (double) a.recordBytes() / secs / 1e6));
            m.put("window_ms", w.millis());
            m.put("window_first_epoch_ms", w.firstMs()); // to line a profile up with the window
            m.put("window_last_epoch_ms", w.lastMs());
            // from the first output record to the moment the group's commits covered the whole input
            m.put("to_commit_ms", Math.max(1, doneWall - w.firstMs()));
            m.put("to_commit_records_per_s", Meter.round(records / (Math.max(1, doneWall - w.firstMs()) / 1e3)));
            long cpu = sampler.cpuNanos(w.firstMs(), w.lastMs());
            if (cpu >= 0) {
                m.put("cpu_ms", Meter.round(cpu / 1e6));
                m.put("cpu_cores", Meter.round(cpu / 1e9 / secs));
                m.put("records_per_cpu_s", Meter.round(records / Math.max(1e-9, cpu / 1e9)));
            }
            long broker = sampler.brokerCpuNanos(w.firstMs(), w.lastMs());
            if (broker >= 0) {
                m.put("broker_cpu_ms", Meter.round(broker / 1e6));
                m.put("broker_cpu_cores", Meter.round(broker / 1e9 / secs));
            }
            long rss = sampler.peakRss(w.firstMs(), w.lastMs());
            if (rss > 0) {
                m.put("rss_peak_mb", Meter.round(rss / 1e6));
            }
            if (hwm > 0) {
                m.put("rss_hwm_mb", Meter.round(hwm / 1e6));
            }
            if (inProcess()) {
                // allocation, heap and GC of this JVM, over the first-fetch-to-commit window
                meter.result(records).forEach((k, v) -> m.putIfAbsent(k.startsWith("cpu") || k.startsWith("broker")
                        || k.equals("elapsed_ms") ? "meter_" + k : k, v));
            }
            if (progress != null) {
                m.putAll(progress.result(w.firstMs(), w.millis(), records));
                // The second half of the window, warm: most of the JIT's work is over, so the CPU per record is
                // the pipeline's own (what the metrics cost is judged by).
                long[] half = w.millis() > 4_000 ? progress.at(w.firstMs() + w.millis() / 2) : null;
                long halfCpu = half == null ? -1 : sampler.cpuNanos(half[0], w.lastMs());
                if (halfCpu > 0 && half[1] < records) {
                    m.put("second_half_records_per_cpu_s", Meter.round((records - half[1]) / (halfCpu / 1e9)));
                    m.put("second_half_records_per_s", Meter.round((records - half[1])
                            / (Math.max(1, w.lastMs() - half[0]) / 1e3)));
                }
            }
            if (writesOutput()) {
                m.put("output_records", BenchKafka.sum(BenchKafka.endOffsets(admin, output)));
            }
            m.putAll(extra);
            return m;
        }
    }
}
