package faust.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;

/**
 * The benchmark coordinator ({@code benchmarks/run.sh}): starts the dev broker in its own JVM (unless
 * {@code --broker}), loads the input topic once, runs every case {@code --runs} times, each run in a fresh
 * JVM ({@link CaseMain}), round-robin over the cases so that drift of the machine hits them alike, deletes
 * each run's topics, then prints the tables and writes the JSON.
 */
public final class Main {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final PrintStream OUT = System.out;
    private static final AtomicReference<Process> CURRENT = new AtomicReference<>();

    private Main() {
    }

    /**
     * @param args see {@link Options#usage()}
     */
    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (Options.UsageException e) {
            boolean help = e.getMessage().startsWith("usage:");
            (help ? OUT : System.err).println(help ? e.getMessage() : "error: " + e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        try {
            System.exit(run(o));
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    static int run(Options o) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path resultsDir = o.resultsDir().toAbsolutePath();
        Path logs = resultsDir.resolve("logs-" + stamp);
        Files.createDirectories(logs);
        Path out = o.out() != null ? o.out().toAbsolutePath() : resultsDir.resolve("results-" + stamp + ".json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = CURRENT.get();
            if (p != null) {
                kill(p);
            }
        }, "bench-kill-case"));

        OUT.printf("Faust benchmarks: %s records, %d partitions, %d-byte keys from %,d values, %d-byte values;"
                        + " %d run(s) of %s%n", String.format(Locale.ROOT, "%,d", o.records()), o.partitions(),
                o.keySize(), o.keySpace(), o.valueSize(), o.runs(), String.join(", ", o.cases()));
        OUT.printf("machine: %d cpus, Java %s; case JVMs -Xmx%s -XX:+UseG1GC; logs in %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), o.caseHeap(), logs);

        BrokerProcess broker = null;
        Path tmp = Files.createTempDirectory("faust-bench-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Files2.deleteTree(tmp), "bench-delete-tmp"));
        try {
            String bootstrap;
            long brokerPid;
            if (o.broker() == null) {
                long t0 = System.nanoTime();
                broker = BrokerProcess.start(java, classpath, "1g", tmp.resolve("broker"), logs.resolve("broker.log"));
                bootstrap = broker.bootstrap();
                brokerPid = broker.pid();
                OUT.printf("broker: dev broker on %s (pid %d, -Xmx1g), started in %.1f s%n", bootstrap, brokerPid,
                        (System.nanoTime() - t0) / 1e9);
                final BrokerProcess b = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(b::close, "bench-stop-broker"));
            } else {
                bootstrap = o.broker();
                brokerPid = o.brokerPid();
                OUT.printf("broker: %s%s%n", bootstrap, brokerPid > 0 ? " (pid " + brokerPid + ")"
                        : " (give --broker-pid to report its CPU)");
            }
            List<Map<String, Object>> results = new ArrayList<>();
            try (Admin admin = BenchKafka.admin(bootstrap)) {
                String input = "";
                if (o.cases().stream().anyMatch(c -> c.contains("passthrough") || c.contains("count"))) {
                    input = Preload.ensure(admin, bootstrap, o, OUT);
                }
                String sentences = "";
                if (o.cases().stream().anyMatch(c -> c.contains("groupby"))) {
                    sentences = Preload.ensureSentences(admin, bootstrap, o, OUT);
                }
                String nonce = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
                if (!input.isEmpty()) {
                    for (int w = 1; w <= o.warmupRuns(); w++) {
                        // a fresh broker JVM runs its fetch, produce and commit paths interpreted at first
                        String prefix = "bench-" + nonce + "-warmup-" + w;
                        Path workdir = Files.createDirectories(tmp.resolve("warmup-" + w));
                        CaseArgs a = new CaseArgs("raw-passthrough", 0, bootstrap, input, o.records(), o.partitions(),
                                prefix, brokerPid, o.rate(), o.latencySeconds(), o.latencyWarmupSeconds(),
                                o.keySpace(), o.keySize(), o.valueSize(), o.commitIntervalMs(), o.commitEvery(),
                                o.lingerMs(), workdir, o.workerJavaOpts());
                        OUT.printf("[warm-up %d/%d] %-21s ", w, o.warmupRuns(), "raw-passthrough");
                        OUT.flush();
                        OUT.println(oneLine(fork(java, classpath, o, a, logs.resolve("warmup-" + w + ".log")))
                                + "  (not counted)");
                        BenchKafka.deleteRun(admin, prefix);
                        Files2.deleteTree(workdir);
                    }
                }
                Set<String> skipped = new HashSet<>();
                for (int run = 1; run <= o.runs(); run++) {
                    for (String c : o.runCases()) {
                        if (skipped.contains(c)) {
                            continue;
                        }
                        String prefix = "bench-" + nonce + "-" + c + "-" + run;
                        Path workdir = Files.createDirectories(tmp.resolve(c + "-" + run));
                        CaseArgs a = new CaseArgs(c, run, bootstrap, c.contains("groupby") ? sentences : input,
                                o.records(), o.partitions(), prefix,
                                brokerPid, o.rate(), o.latencySeconds(), o.latencyWarmupSeconds(), o.keySpace(),
                                o.keySize(), o.valueSize(), o.commitIntervalMs(), o.commitEvery(), o.lingerMs(),
                                workdir, o.workerJavaOpts(c));
                        OUT.printf("[run %d/%d] %-24s ", run, o.runs(), c);
                        OUT.flush();
                        Map<String, Object> r = fork(java, classpath, o, a, logs.resolve(c + "-" + run + ".log"));
                        results.add(r);
                        OUT.println(oneLine(r));
                        if (r.get("skipped") != null) {
                            skipped.add(c);
                        }
                        BenchKafka.deleteRun(admin, prefix);
                        Files2.deleteTree(workdir);
                    }
                }
            }
            String tables = Report.tables(results, o.runCases());
            OUT.println();
            OUT.print(tables);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("started", stamp);
            doc.put("options", optionsJson(o, bootstrap));
            doc.put("environment", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                    "java", Runtime.version().toString(), "os", System.getProperty("os.name") + " "
                            + System.getProperty("os.version"), "arch", System.getProperty("os.arch"),
                    "coordinator_jvm", ManagementFactory.getRuntimeMXBean().getVmName()));
            doc.put("summary", Report.summaryJson(results, o.runCases()));
            doc.put("runs", results);
            doc.put("tables", tables);
            Files.createDirectories(out.toAbsolutePath().getParent());
            JSON.writeValue(out.toFile(), doc);
            OUT.println();
            OUT.println("results: " + out);
            boolean anyFailed = results.stream().anyMatch(r -> !Boolean.TRUE.equals(r.get("ok"))
                    && r.get("skipped") == null);
            return anyFailed ? 1 : 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
            Files2.deleteTree(tmp);
        }
    }

    private static Map<String, Object> optionsJson(Options o, String bootstrap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", o.records());
        m.put("partitions", o.partitions());
        m.put("runs", o.runs());
        m.put("cases", o.cases());
        m.put("broker", o.broker() == null ? "dev broker (own JVM) " + bootstrap : bootstrap);
        m.put("rate", o.rate());
        m.put("latency_seconds", o.latencySeconds());
        m.put("latency_warmup_seconds", o.latencyWarmupSeconds());
        m.put("key_space", o.keySpace());
        m.put("key_size", o.keySize());
        m.put("value_size", o.valueSize());
        m.put("commit_interval_ms", o.commitIntervalMs());
        m.put("commit_every", o.commitEvery());
        m.put("linger_ms", o.lingerMs());
        m.put("case_heap", o.caseHeap());
        m.put("warmup_runs", o.warmupRuns());
        m.put("case_jvm_opts", o.caseJvmOpts());
        m.put("worker_java_opts", o.workerJavaOpts());
        m.put("worker_variants", o.workerVariants());
        m.put("processes", OwnSession.describe());
        Map<String, String> faustEnv = new java.util.TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("FAUST_")) {
                faustEnv.put(k, v);
            }
        });
        m.put("faust_env", faustEnv);
        return m;
    }

    /** Runs one case in a fresh JVM and returns its result line, or a failure. */
    private static Map<String, Object> fork(String java, String classpath, Options o, CaseArgs a, Path log)
            throws Exception {
        // RocksDB (Kafka Streams' store and Faust's) loads a native library: say so, as the tests do
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + o.caseHeap(), "-XX:+UseG1GC",
                "--enable-native-access=ALL-UNNAMED", "-Dbench.home=" + System.getProperty("bench.home", ".")));
        for (String opt : o.caseJvmOpts()) {
            cmd.add(opt.replace("{case}", a.name()).replace("{run}", Integer.toString(a.run())));
        }
        cmd.addAll(List.of("-cp", classpath, CaseMain.class.getName()));
        cmd.addAll(a.toArgs());
        ProcessBuilder pb = new ProcessBuilder(OwnSession.of(cmd));
        pb.redirectError(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        CURRENT.set(p);
        AtomicReference<String> resultLine = new AtomicReference<>();
        AtomicReference<Double> readyMs = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().daemon().name("case-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(CaseMain.RESULT)) {
                        resultLine.set(line.substring(CaseMain.RESULT.length()));
                    } else if (line.equals(CaseMain.READY) && readyMs.get() == null) {
                        readyMs.set((System.nanoTime() - t0) / 1e6);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        boolean exited = p.waitFor(o.caseTimeoutSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            kill(p);
            p.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        CURRENT.set(null);
        Map<String, Object> r;
        if (resultLine.get() != null) {
            r = JSON.readValue(resultLine.get(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } else {
            r = new LinkedHashMap<>();
            r.put("case", a.name());
            r.put("run", a.run());
            r.put("ok", false);
            r.put("error", exited ? "the case JVM exited with status " + p.exitValue() + " without a result"
                    : "killed after " + o.caseTimeoutSeconds() + " s (--timeout)");
        }
        if (readyMs.get() != null) {
            r.put("fork_to_ready_ms", Math.round(readyMs.get() * 100) / 100.0);
        }
        r.put("jvm_ms", Math.round((System.nanoTime() - t0) / 1e4) / 100.0);
        if (!Boolean.TRUE.equals(r.get("ok")) && r.get("skipped") == null) {
            r.put("log", log.toString());
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND))) {
                w.println("[coordinator] " + r.get("error"));
            }
        }
        return r;
    }

    /** Kills a case JVM and what it started (a bin/faust worker would outlive it otherwise). */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String oneLine(Map<String, Object> r) {
        if (r.get("skipped") != null) {
            return "skipped: " + r.get("skipped");
        }
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            return "FAILED: " + r.get("error") + " (log: " + r.get("log") + ")";
        }
        if (r.containsKey("records_per_s")) {
            return String.format(Locale.ROOT, "%,10.0f records/s  %5.1f MB/s  %6.2f s  cpu %.2f  broker %s"
                            + "  %,.0f rec/cpu-s  rss %.0f MB",
                    num(r, "records_per_s"), num(r, "mb_per_s"), num(r, "window_ms") / 1000, num(r, "cpu_cores"),
                    r.containsKey("broker_cpu_cores") ? String.format(Locale.ROOT, "%.2f", num(r, "broker_cpu_cores"))
                            : "-", num(r, "records_per_cpu_s"), num(r, "rss_peak_mb"));
        }
        if (r.containsKey("version_ms")) {
            return String.format(Locale.ROOT, "--version %.0f ms  agents %.0f ms  start->ready %.0f ms  stop %.0f ms"
                            + "  restart->ready %.0f ms", num(r, "version_ms"), num(r, "agents_ms"),
                    num(r, "start_ms"), num(r, "stop_ms"), num(r, "restart_start_ms"));
        }
        if (r.containsKey("p99_ms")) {
            return String.format(Locale.ROOT, "p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  (%,.0f/s sent)",
                    num(r, "p50_ms"), num(r, "p99_ms"), num(r, "p999_ms"), num(r, "max_ms"), num(r, "send_rate"));
        }
        if (r.containsKey("start_ms")) {
            return String.format(Locale.ROOT, "start->ready %.0f ms  stop %.0f ms  restart %.0f ms  fork->ready %.0f ms",
                    num(r, "start_ms"), num(r, "stop_ms"), num(r, "restart_start_ms"), num(r, "fork_to_ready_ms"));
        }
        return "ok";
    }

    private static double num(Map<String, Object> r, String k) {
        Object v = r.get(k);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
