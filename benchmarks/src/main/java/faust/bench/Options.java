package faust.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's command line. Every knob has a default, so {@code run.sh} with no argument runs the
 * whole suite as the issue describes it.
 *
 * @param records records pre-loaded into the input topic and processed by every throughput case
 * @param partitions partitions of the input and output topics
 * @param runs times each case is run, each in a fresh JVM
 * @param cases cases to run, in table order
 * @param broker bootstrap servers of an existing broker, or null to start a dev broker in its own JVM
 * @param brokerPid pid of an external broker on this machine (for its CPU), or 0
 * @param rate records/s offered by the latency cases
 * @param latencySeconds measured seconds of the latency cases
 * @param latencyWarmupSeconds seconds at the start of a latency run that are not recorded
 * @param out where the JSON goes, or null for the default under the results directory
 * @param keySpace distinct keys
 * @param keySize bytes per key
 * @param valueSize bytes per value
 * @param commitIntervalMs commit interval of every framework (Streams commit.interval.ms, Faust
 *                         broker_commit_interval, the batched raw loop's transaction length)
 * @param commitEvery records per transaction of the batched raw loop (as Faust's broker_commit_every)
 * @param lingerMs producer linger.ms of every case (Faust's producer_linger)
 * @param caseHeap -Xmx of the case JVMs
 * @param timeoutSeconds a case run that takes longer is killed and reported as failed (0 = derived from records)
 * @param resultsDir where JSON results and per-run logs go
 * @param caseJvmOpts extra JVM options of the case JVMs (e.g. a JFR recording), may be empty
 * @param warmupRuns untimed runs of raw-passthrough before the measured ones (warm the broker's JIT and caches)
 * @param workerJavaOpts JVM options of workers started by {@code bin/faust} (the faust-cli cases), may be empty
 * @param workerVariants named sets of extra worker JVM options: each faust-cli case runs once per variant, as
 *                       case {@code <case>.<name>}, interleaved with the others (A/B of launcher flags)
 */
public record Options(long records, int partitions, int runs, List<String> cases, String broker, long brokerPid,
                      int rate, int latencySeconds, int latencyWarmupSeconds, Path out, int keySpace, int keySize,
                      int valueSize, int commitIntervalMs, int commitEvery, int lingerMs, String caseHeap,
                      int timeoutSeconds, Path resultsDir, List<String> caseJvmOpts,
                      int warmupRuns, String workerJavaOpts, Map<String, String> workerVariants) {

    /** Every case, in the order they are run and printed. */
    public static final List<String> ALL_CASES = List.of(
            "raw-passthrough", "raw-passthrough-batched", "raw-passthrough-tx100", "streams-passthrough",
            "faust-passthrough", "faust-passthrough-nometrics", "faust-cli-passthrough", "faust-take-passthrough",
            "streams-count", "faust-count", "faust-cli-count", "streams-groupby-count", "faust-groupby-count",
            "streams-window-count", "faust-window-count", "streams-passthrough-eos",
            "faust-passthrough-eos", "streams-count-eos", "faust-count-eos", "latency-raw", "latency-faust", "lifecycle",
            "faust-cli-start", "faust-ask");

    /** @return the options with every default */
    public static Options defaults() {
        return parse(new String[0]);
    }

    /** Thrown for a bad command line; the message says what to change. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param args the command line
     * @return the options
     * @throws UsageException naming the bad argument
     */
    public static Options parse(String[] args) {
        long records = 2_000_000;
        int partitions = 8;
        int runs = 3;
        List<String> cases = ALL_CASES;
        String broker = null;
        long brokerPid = 0;
        int rate = 20_000;
        int latencySeconds = 20;
        int latencyWarmup = 5;
        Path out = null;
        int keySpace = 100_000;
        int keySize = 16;
        int valueSize = 100;
        int commitIntervalMs = 100;
        int commitEvery = 10_000;
        int lingerMs = 5;
        String caseHeap = "2g";
        int timeout = 0;
        Path resultsDir = Path.of(System.getProperty("bench.home", ".")).resolve("target").resolve("results");
        List<String> caseJvmOpts = new ArrayList<>();
        int warmupRuns = 1;
        String workerJavaOpts = "";
        Map<String, String> workerVariants = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (!List.of("--help", "-h").contains(arg) && value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--records" -> records = positiveLong(arg, value);
                case "--partitions" -> partitions = positiveInt(arg, value);
                case "--runs" -> runs = positiveInt(arg, value);
                case "--cases" -> cases = parseCases(value);
                case "--broker" -> broker = value.replaceFirst("^kafka://", "");
                case "--broker-pid" -> brokerPid = positiveLong(arg, value);
                case "--rate" -> rate = positiveInt(arg, value);
                case "--latency-seconds" -> latencySeconds = positiveInt(arg, value);
                case "--latency-warmup" -> latencyWarmup = nonNegativeInt(arg, value);
                case "--out" -> out = Path.of(value);
                case "--key-space" -> keySpace = positiveInt(arg, value);
                case "--key-size" -> keySize = positiveInt(arg, value);
                case "--value-size" -> valueSize = positiveInt(arg, value);
                case "--commit-interval-ms" -> commitIntervalMs = positiveInt(arg, value);
                case "--commit-every" -> commitEvery = positiveInt(arg, value);
                case "--linger-ms" -> lingerMs = nonNegativeInt(arg, value);
                case "--case-heap" -> caseHeap = value;
                case "--timeout" -> timeout = nonNegativeInt(arg, value);
                case "--results-dir" -> resultsDir = Path.of(value);
                case "--warmup-runs" -> warmupRuns = nonNegativeInt(arg, value);
                case "--case-jvm-opts" -> caseJvmOpts.addAll(List.of(value.trim().split("\\s+")));
                case "--worker-java-opts" -> workerJavaOpts = (workerJavaOpts + " " + value).trim();
                case "--worker-variant" -> {
                    int at = value.indexOf('=');
                    String name = at < 0 ? value : value.substring(0, at);
                    if (!name.matches("[A-Za-z0-9_-]+")) {
                        throw new UsageException("--worker-variant: give NAME=OPTIONS with a NAME of letters, digits,"
                                + " '-' and '_', not '" + value + "'");
                    }
                    workerVariants.put(name, at < 0 ? "" : value.substring(at + 1).trim());
                }
                case "--help", "-h" -> throw new UsageException(usage());
                default -> throw new UsageException("unknown argument: " + args[i] + "\n" + usage());
            }
        }
        if (keySize < 8 && keySpace > 1) {
            throw new UsageException("--key-size must be at least 8 bytes");
        }
        if (valueSize < 8) {
            throw new UsageException("--value-size must be at least 8 bytes (the latency cases put a timestamp there)");
        }
        return new Options(records, partitions, runs, cases, broker, brokerPid, rate, latencySeconds, latencyWarmup,
                out, keySpace, keySize, valueSize, commitIntervalMs, commitEvery, lingerMs, caseHeap, timeout,
                resultsDir, List.copyOf(caseJvmOpts.stream().filter(x -> !x.isEmpty()).toList()), warmupRuns,
                workerJavaOpts, java.util.Collections.unmodifiableMap(workerVariants));
    }

    static List<String> parseCases(String text) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String c = part.trim().toLowerCase(Locale.ROOT);
            if (c.isEmpty()) {
                continue;
            }
            if (c.equals("all")) {
                wanted.addAll(ALL_CASES);
            } else if (c.equals("throughput")) {
                ALL_CASES.stream().filter(n -> n.contains("passthrough") || n.contains("count")).forEach(wanted::add);
            } else if (c.equals("latency")) {
                wanted.add("latency-raw");
                wanted.add("latency-faust");
            } else if (ALL_CASES.contains(c)) {
                wanted.add(c);
            } else {
                throw new UsageException("--cases: unknown case '" + part.trim() + "'; known: all, throughput, latency, "
                        + String.join(", ", ALL_CASES));
            }
        }
        if (wanted.isEmpty()) {
            throw new UsageException("--cases: give at least one case");
        }
        List<String> ordered = new ArrayList<>();
        for (String c : ALL_CASES) {
            if (wanted.contains(c)) {
                ordered.add(c);
            }
        }
        return List.copyOf(ordered);
    }

    /**
     * @return the cases as run: every faust-cli case once per {@code --worker-variant} ({@code <case>.<name>}),
     *     the others as given
     */
    public List<String> runCases() {
        List<String> out = new ArrayList<>();
        for (String c : cases) {
            if (c.startsWith("faust-cli-") && !workerVariants.isEmpty()) {
                workerVariants.keySet().forEach(v -> out.add(c + "." + v));
            } else {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param runCase a case as run, e.g. {@code faust-cli-passthrough.parallel}
     * @return its case, e.g. {@code faust-cli-passthrough}
     */
    public static String baseCase(String runCase) {
        int dot = runCase.indexOf('.');
        return dot < 0 ? runCase : runCase.substring(0, dot);
    }

    /**
     * @param runCase a case as run
     * @return the worker JVM options of that run: {@code --worker-java-opts} plus its variant's
     */
    public String workerJavaOpts(String runCase) {
        int dot = runCase.indexOf('.');
        String variant = dot < 0 ? "" : workerVariants.getOrDefault(runCase.substring(dot + 1), "");
        return (workerJavaOpts + " " + variant).trim();
    }

    /** @return seconds after which one case run is killed */
    public int caseTimeoutSeconds() {
        if (timeoutSeconds > 0) {
            return timeoutSeconds;
        }
        // 10k records/s is far below anything that works; plus JVM, broker and group start.
        return (int) Math.max(180, 120 + records / 10_000 + 2L * (latencySeconds + latencyWarmupSeconds));
    }

    /** @return the command-line help */
    public static String usage() {
        return """
                usage: benchmarks/run.sh [options]            (throughput, latency and lifecycle cases)
                       benchmarks/run.sh --jmh [regex] [jmh options]   (JMH micro-benchmarks, no broker)
                       benchmarks/run.sh --profile-share PATTERN RESULTS.json RECORDING.jfr...
                                         (share of the case JVMs' CPU samples in classes matching PATTERN)
                  --records N            input records (default 2000000)
                  --partitions N         partitions of input and output topics (default 8)
                  --runs N               runs of each case, each in a fresh JVM (default 3)
                  --warmup-runs N        untimed raw-passthrough runs first, to warm the broker (default 1)
                  --cases a,b,c          cases (default all): all, throughput, latency, %s
                  --broker HOST:PORT     use this broker instead of starting a dev broker
                  --broker-pid PID       pid of that broker, to report its CPU
                  --rate N               records/s offered by the latency cases (default 20000)
                  --latency-seconds N    measured seconds per latency run (default 20)
                  --latency-warmup N     unrecorded seconds before that (default 5)
                  --key-space N          distinct keys (default 100000)
                  --key-size N           key bytes (default 16)
                  --value-size N         value bytes (default 100)
                  --commit-interval-ms N commit interval of every framework (default 100)
                  --commit-every N       records per transaction of raw-passthrough-batched (default 10000)
                  --linger-ms N          producer linger.ms of every case (default 5 = Faust's producer_linger)
                  --case-heap SIZE       -Xmx of case JVMs (default 2g)
                  --case-jvm-opts "..."  more options for the case JVMs, e.g. a JFR recording (see README)
                  --worker-java-opts "..." JVM options of the bin/faust workers (faust-cli-*), added to
                                         FAUST_JAVA_OPTS; {case} and {run} are replaced
                  --worker-variant NAME="..."  run every faust-cli case once per variant (repeat the option),
                                         as <case>.NAME with these worker options added (A/B, interleaved);
                                         a word NAME=value (upper case) in them sets that environment
                                         variable of the launcher instead
                  --timeout S            kill a case run after S seconds (default derived from --records)
                  --out FILE             JSON results (default benchmarks/target/results/results-<time>.json)
                  --results-dir DIR      where results and per-run logs go (default benchmarks/target/results)
                FAUST_* environment variables reach the Faust cases (e.g. FAUST_STREAM_BUFFER_MAXSIZE=8192);
                the settings the benchmark fixes (broker, datadir, web, commit interval, linger) win over them.
                """.formatted(String.join(", ", ALL_CASES));
    }

    private static long positiveLong(String flag, String v) {
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": give a whole number of at least 1, not '" + v + "'");
        }
    }

    private static int positiveInt(String flag, String v) {
        long n = positiveLong(flag, v);
        if (n > Integer.MAX_VALUE) {
            throw new UsageException(flag + ": " + v + " is too large");
        }
        return (int) n;
    }

    private static int nonNegativeInt(String flag, String v) {
        return "0".equals(v.trim()) ? 0 : positiveInt(flag, v);
    }
}
