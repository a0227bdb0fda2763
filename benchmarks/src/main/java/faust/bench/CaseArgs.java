package faust.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coordinator tells one case JVM: {@code java faust.bench.CaseMain <case> --key value ...}.
 *
 * @param name the case
 * @param run the run number (1-based)
 * @param bootstrap bootstrap servers
 * @param input the pre-loaded input topic
 * @param records records in the input topic
 * @param partitions partitions of topics the case creates
 * @param prefix names everything of this run: group/app id, output and internal topics
 * @param brokerPid the broker's pid on this machine, or 0 when unknown
 * @param rate records/s of the latency cases
 * @param latencySeconds measured seconds of a latency run
 * @param latencyWarmupSeconds unrecorded seconds before them
 * @param keySpace distinct keys
 * @param keySize key bytes
 * @param valueSize value bytes
 * @param commitIntervalMs commit interval of every framework
 * @param commitEvery records per transaction of the batched raw loop
 * @param lingerMs producer linger.ms
 * @param workdir a fresh directory for state (Streams state.dir, Faust datadir)
 * @param workerJavaOpts JVM options for workers started by {@code bin/faust} (added to FAUST_JAVA_OPTS;
 *                       {@code {case}} and {@code {run}} are replaced), may be empty
 */
public record CaseArgs(String name, int run, String bootstrap, String input, long records, int partitions,
                       String prefix, long brokerPid, int rate, int latencySeconds, int latencyWarmupSeconds,
                       int keySpace, int keySize, int valueSize, int commitIntervalMs, int commitEvery,
                       int lingerMs, Path workdir, String workerJavaOpts) {

    /** @return the arguments after the case name */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>();
        a.add(name);
        put(a, "run", run);
        put(a, "bootstrap", bootstrap);
        put(a, "input", input);
        put(a, "records", records);
        put(a, "partitions", partitions);
        put(a, "prefix", prefix);
        put(a, "broker-pid", brokerPid);
        put(a, "rate", rate);
        put(a, "latency-seconds", latencySeconds);
        put(a, "latency-warmup", latencyWarmupSeconds);
        put(a, "key-space", keySpace);
        put(a, "key-size", keySize);
        put(a, "value-size", valueSize);
        put(a, "commit-interval-ms", commitIntervalMs);
        put(a, "commit-every", commitEvery);
        put(a, "linger-ms", lingerMs);
        put(a, "workdir", workdir);
        put(a, "worker-java-opts", workerJavaOpts);
        return a;
    }

    private static void put(List<String> a, String key, Object value) {
        a.add("--" + key);
        a.add(String.valueOf(value));
    }

    /**
     * @param args {@code <case> --key value ...}
     * @return the parsed arguments
     * @throws IllegalArgumentException when one is missing or malformed
     */
    public static CaseArgs parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: CaseMain <case> --bootstrap H:P --input T ...");
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument: " + args[i]);
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return new CaseArgs(args[0], intOf(m, "run", 1), req(m, "bootstrap"), m.getOrDefault("input", ""),
                Long.parseLong(m.getOrDefault("records", "0")), intOf(m, "partitions", 8),
                req(m, "prefix"), Long.parseLong(m.getOrDefault("broker-pid", "0")), intOf(m, "rate", 20_000),
                intOf(m, "latency-seconds", 20), intOf(m, "latency-warmup", 5), intOf(m, "key-space", 100_000),
                intOf(m, "key-size", 16), intOf(m, "value-size", 100), intOf(m, "commit-interval-ms", 100),
                intOf(m, "commit-every", 10_000), intOf(m, "linger-ms", 5), Path.of(req(m, "workdir")),
                m.getOrDefault("worker-java-opts", ""));
    }

    private static String req(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static int intOf(Map<String, String> m, String key, int dflt) {
        String v = m.get(key);
        return v == null ? dflt : Integer.parseInt(v);
    }

    /** @return bytes of one record's key and value */
    public int recordBytes() {
        return keySize + valueSize;
    }
}
