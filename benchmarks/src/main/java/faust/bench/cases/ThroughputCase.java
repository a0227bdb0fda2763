package faust.bench.cases;

import faust.bench.BenchKafka;
import faust.bench.CaseArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * The shape every throughput case shares: read the whole pre-loaded input with a fresh group, time from
 * the first record fetched ({@link Meter#begin()}) to the moment the group's committed offsets reach the
 * input's end offsets ({@link Completion}), then stop and check the output.
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
    }

    /** @return whether the case writes to {@code <prefix>-out} (created before the start, counted after) */
    boolean writesOutput() {
        return true;
    }

    /**
     * Starts the system under test; it must call {@code meter.begin()} when it sees its first record.
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
            if (writesOutput()) {
                BenchKafka.createTopic(admin, output, a.partitions());
            }
            Meter meter = new Meter(a.brokerPid());
            Running running = start(a, output, meter);
            Map<String, Object> extra;
            try {
                Duration timeout = Duration.ofSeconds(600 + records / 5_000);
                long done = new Completion(admin, group(a), end).await(timeout, running::failure);
                meter.end(done);
            } finally {
                extra = running.stop();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            double secs = meter.elapsedNanos() / 1e9;
            m.put("records", records);
            m.put("records_per_s", Meter.round(records / secs));
            m.put("mb_per_s", Meter.round(records * (double) a.recordBytes() / secs / 1e6));
            m.putAll(meter.result(records));
            if (writesOutput()) {
                m.put("output_records", BenchKafka.sum(BenchKafka.endOffsets(admin, output)));
            }
            m.putAll(extra);
            return m;
        }
    }
}
