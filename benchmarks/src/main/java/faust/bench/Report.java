package faust.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the runs' results into the printed tables and the JSON summary: the median of every number over
 * a case's successful runs, the spread of its throughput, and ratios to the baselines.
 */
public final class Report {
    static final List<String> RAW = List.of("raw-passthrough", "raw-passthrough-batched", "raw-passthrough-tx100");
    static final List<String> PASSTHROUGH = List.of("raw-passthrough", "raw-passthrough-batched",
            "raw-passthrough-tx100", "streams-passthrough", "faust-passthrough", "faust-passthrough-nometrics",
            "faust-cli-passthrough", "faust-take-passthrough", "streams-passthrough-eos", "faust-passthrough-eos");
    static final List<String> COUNT = List.of("streams-count", "faust-count", "faust-cli-count",
            "streams-groupby-count", "faust-groupby-count", "streams-window-count", "faust-window-count", "streams-count-eos", "faust-count-eos");
    static final List<String> GROUPBY = List.of("streams-groupby-count", "faust-groupby-count");
    /** The windowed counts: their {@code x streams} is against {@code streams-window-count}. */
    static final List<String> WINDOW_COUNT = List.of("streams-window-count", "faust-window-count");
    static final List<String> LATENCY = List.of("latency-raw", "latency-faust");
    static final List<String> LIFECYCLE = List.of("lifecycle");
    static final String CLI_START = "faust-cli-start";
    static final String ASK = "faust-ask";

    private Report() {
    }

    /**
     * What the runs of one case came to.
     *
     * @param name the case
     * @param ok runs that succeeded
     * @param failed runs that failed
     * @param skipped why the case was skipped, or null
     * @param error the first failure's message, or null
     * @param values every numeric field over the successful runs, in run order
     */
    public record Summary(String name, int ok, int failed, String skipped, String error,
                          Map<String, double[]> values) {
        /**
         * @param field a numeric field
         * @return its median over the successful runs, or NaN
         */
        public double median(String field) {
            double[] v = values.get(field);
            return v == null || v.length == 0 ? Double.NaN : Report.median(v);
        }

        /**
         * @param field a numeric field
         * @return (max − min) / median, or NaN
         */
        public double spread(String field) {
            double[] v = values.get(field);
            if (v == null || v.length == 0) {
                return Double.NaN;
            }
            double min = Arrays.stream(v).min().orElse(Double.NaN);
            double max = Arrays.stream(v).max().orElse(Double.NaN);
            return (max - min) / median(field);
        }
    }

    /**
     * @param values numbers
     * @return their median
     */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * @param results one map per run, as the case JVMs reported them
     * @param cases the cases, in table order
     * @return a summary per case, in that order
     */
    public static Map<String, Summary> summarize(List<Map<String, Object>> results, List<String> cases) {
        Map<String, Summary> out = new LinkedHashMap<>();
        for (String c : cases) {
            int ok = 0;
            int failed = 0;
            String skipped = null;
            String error = null;
            Map<String, List<Double>> vals = new LinkedHashMap<>();
            for (Map<String, Object> r : results) {
                if (!c.equals(r.get("case"))) {
                    continue;
                }
                if (r.get("skipped") != null) {
                    skipped = String.valueOf(r.get("skipped"));
                    continue;
                }
                if (!Boolean.TRUE.equals(r.get("ok"))) {
                    failed++;
                    if (error == null) {
                        error = String.valueOf(r.getOrDefault("error", "failed"));
                    }
                    continue;
                }
                ok++;
                r.forEach((k, v) -> {
                    if (v instanceof Number n) {
                        vals.computeIfAbsent(k, x -> new ArrayList<>()).add(n.doubleValue());
                    }
                });
            }
            Map<String, double[]> arrays = new LinkedHashMap<>();
            vals.forEach((k, v) -> arrays.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            out.put(c, new Summary(c, ok, failed, skipped, error, arrays));
        }
        return out;
    }

    /**
     * @param s summaries of every case run
     * @return the raw loop with the highest median throughput (the baseline of {@code x raw}), or null
     */
    static Summary rawBest(Map<String, Summary> s) {
        Summary best = null;
        for (String c : RAW) {
            Summary x = s.get(c);
            if (x != null && x.ok() > 0 && (best == null || x.median("records_per_s") > best.median("records_per_s"))) {
                best = x;
            }
        }
        return best;
    }

    /**
     * @param s summaries of every case run
     * @return the median throughput of the best raw loop, or NaN
     */
    static double rawBaseline(Map<String, Summary> s) {
        Summary best = rawBest(s);
        return best == null ? Double.NaN : best.median("records_per_s");
    }

    /**
     * @param results one map per run
     * @param cases the cases run
     * @return the tables as printed
     */
    public static String tables(List<Map<String, Object>> results, List<String> cases) {
        Map<String, Summary> s = summarize(results, cases);
        StringBuilder out = new StringBuilder();
        List<String> through = cases.stream().filter(c -> PASSTHROUGH.contains(Options.baseCase(c))
                || COUNT.contains(Options.baseCase(c))).toList();
        if (!through.isEmpty()) {
            double raw = rawBaseline(s);
            Summary rb = rawBest(s);
            double rawCpu = rb == null ? Double.NaN : rb.median("records_per_cpu_s");
            Summary sp = s.get("streams-passthrough");
            Summary sc = s.get("streams-count");
            double streamsPass = sp != null && sp.ok() > 0 ? sp.median("records_per_s") : Double.NaN;
            double streamsCount = sc != null && sc.ok() > 0 ? sc.median("records_per_s") : Double.NaN;
            Summary sw = s.get("streams-window-count");
            double streamsWindow = sw != null && sw.ok() > 0 ? sw.median("records_per_s") : Double.NaN;
            Summary sg = s.get("streams-groupby-count");
            double streamsGroupBy = sg != null && sg.ok() > 0 ? sg.median("records_per_s") : Double.NaN;
            Table t = new Table("case", "runs", "records/s", "MB/s", "spread", "x raw", "x streams", "to commit/s",
                    "first 2 s/s", "cpu", "rec/cpu-s", "cpu x raw", "cpu broker", "RSS MB", "alloc MB/Mrec", "heap MB");
            for (String c : through) {
                Summary x = s.get(c);
                if (notRun(t, x)) {
                    continue;
                }
                double rps = x.median("records_per_s");
                boolean pass = PASSTHROUGH.contains(Options.baseCase(c));
                double vsStreams = rps / (pass ? streamsPass
                        : GROUPBY.contains(Options.baseCase(c)) ? streamsGroupBy
                        : WINDOW_COUNT.contains(Options.baseCase(c)) ? streamsWindow : streamsCount);
                double perCpu = x.median("records_per_cpu_s");
                t.row(c, runs(x), fmt(rps, 0), fmt(x.median("mb_per_s"), 1), pct(x.spread("records_per_s")),
                        pass ? fmt(rps / raw, 2) : "-", fmt(vsStreams, 2), fmt(x.median("to_commit_records_per_s"), 0),
                        fmt(x.median("first_2s_records_per_s"), 0), fmt(x.median("cpu_cores"), 2), fmt(perCpu, 0), pass ? fmt(perCpu / rawCpu, 2) : "-",
                        fmt(x.median("broker_cpu_cores"), 2), fmt(x.median("rss_peak_mb"), 0),
                        fmt(x.median("alloc_mb_per_m_records"), 0), fmt(x.median("heap_peak_mb"), 0));
            }
            out.append("Throughput (median of the runs; first to last output record; cpu in cores busy; x raw over ")
                    .append(rb == null ? "-" : rb.name()).append(")\n").append(t);
            String cost = metricsCost(s);
            if (cost != null) {
                out.append(cost);
            }
        }
        List<String> lat = cases.stream().filter(LATENCY::contains).toList();
        if (!lat.isEmpty()) {
            Table t = new Table("case", "runs", "rate/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "cpu case",
                    "cpu broker", "alloc MB/Mrec", "missing");
            for (String c : lat) {
                Summary x = s.get(c);
                if (notRun(t, x)) {
                    continue;
                }
                t.row(c, runs(x), fmt(x.median("send_rate"), 0), fmt(x.median("p50_ms"), 2),
                        fmt(x.median("p99_ms"), 2), fmt(x.median("p999_ms"), 2), fmt(x.median("max_ms"), 2),
                        fmt(x.median("cpu_cores"), 2), fmt(x.median("broker_cpu_cores"), 2),
                        fmt(x.median("alloc_mb_per_m_records"), 0), fmt(max(x, "missing"), 0));
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("End-to-end latency at a fixed rate (median of the runs' percentiles)\n").append(t);
        }
        if (cases.contains("lifecycle")) {
            Summary x = s.get("lifecycle");
            Table t = new Table("case", "runs", "start->ready ms", "stop->exit ms", "restart->ready ms",
                    "restart stop ms", "no-web stop ms", "fork->ready ms", "start cpu ms");
            if (!notRun(t, x)) {
                t.row("lifecycle", runs(x), fmt(x.median("start_ms"), 0), fmt(x.median("stop_ms"), 0),
                        fmt(x.median("restart_start_ms"), 0), fmt(x.median("restart_stop_ms"), 0),
                        fmt(x.median("noweb_stop_ms"), 0), fmt(x.median("fork_to_ready_ms"), 0), fmt(x.median("start_cpu_ms"), 0));
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("Worker lifecycle (median of the runs)\n").append(t);
        }
        List<String> starts = cases.stream().filter(c -> Options.baseCase(c).equals(CLI_START)).toList();
        if (!starts.isEmpty()) {
            Table t = new Table("case", "runs", "--version ms", "agents ms", "start->ready ms", "start cpu ms",
                    "stop ms", "restart->ready ms", "restart stop ms", "RSS at ready MB");
            for (String c : starts) {
                Summary x = s.get(c);
                if (notRun(t, x)) {
                    continue;
                }
                t.row(c, runs(x), fmt(x.median("version_ms"), 0), fmt(x.median("agents_ms"), 0),
                        fmt(x.median("start_ms"), 0), fmt(x.median("start_cpu_ms"), 0), fmt(x.median("stop_ms"), 0),
                        fmt(x.median("restart_start_ms"), 0), fmt(x.median("restart_stop_ms"), 0),
                        fmt(x.median("rss_at_ready_mb"), 0));
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("Start as users run it: bin/faust, fork -> exit or \"worker ready\" (median of the runs)\n")
                    .append(t);
        }
        if (cases.contains(ASK)) {
            Summary x = s.get(ASK);
            Table t = new Table("case", "runs", "asks/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "cpu case",
                    "cpu broker", "alloc KB/ask");
            if (!notRun(t, x)) {
                for (String phase : List.of("seq", "par")) {
                    String f = phase + "_";
                    t.row(ASK + (phase.equals("seq") ? " (1 at a time)" : " (64 in flight)"), runs(x),
                            fmt(x.median(f + "asks_per_s"), 0), fmt(x.median(f + "p50_ms"), 2),
                            fmt(x.median(f + "p99_ms"), 2), fmt(x.median(f + "p999_ms"), 2),
                            fmt(x.median(f + "max_ms"), 2), fmt(x.median(f + "cpu_cores"), 2),
                            fmt(x.median(f + "broker_cpu_cores"), 2), fmt(x.median(f + "alloc_kb_per_ask"), 1));
                }
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("agent.ask round trips, client outside the worker (median of the runs)\n").append(t);
        }
        List<String> notes = new ArrayList<>();
        for (Summary x : s.values()) {
            if (x.failed() > 0 && x.ok() > 0) {
                notes.add(x.name() + ": " + x.failed() + " of " + (x.ok() + x.failed()) + " runs failed: "
                        + x.error());
            }
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    private static double max(Summary x, String field) {
        double[] v = x.values().get(field);
        return v == null ? Double.NaN : Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static boolean notRun(Table t, Summary x) {
        if (x.skipped() != null) {
            t.note(x.name(), "skipped: " + x.skipped());
            return true;
        }
        if (x.ok() == 0) {
            t.note(x.name(), "failed: " + x.error());
            return true;
        }
        return false;
    }

    private static String runs(Summary x) {
        return x.failed() > 0 ? x.ok() + "/" + (x.ok() + x.failed()) : Integer.toString(x.ok());
    }

    static String fmt(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String pct(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    /**
     * @param results one map per run
     * @param cases the cases run
     * @return per case: runs, failures, skip reason, and the median and spread of every numeric field
     */
    public static Map<String, Object> summaryJson(List<Map<String, Object>> results, List<String> cases) {
        Map<String, Summary> s = summarize(results, cases);
        double raw = rawBaseline(s);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Summary x : s.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs_ok", x.ok());
            m.put("runs_failed", x.failed());
            if (x.skipped() != null) {
                m.put("skipped", x.skipped());
            }
            if (x.error() != null) {
                m.put("error", x.error());
            }
            Map<String, Object> med = new LinkedHashMap<>();
            x.values().forEach((k, v) -> {
                if (!k.equals("run")) {
                    med.put(k, round(median(v)));
                }
            });
            m.put("median", med);
            if (x.values().containsKey("records_per_s")) {
                m.put("records_per_s_spread", round(x.spread("records_per_s")));
                m.put("records_per_s_runs", x.values().get("records_per_s"));
                if (PASSTHROUGH.contains(Options.baseCase(x.name())) && !Double.isNaN(raw)) {
                    m.put("ratio_to_raw", round(x.median("records_per_s") / raw));
                    m.put("raw_baseline", rawBest(s).name());
                    m.put("cpu_ratio_to_raw", round(x.median("records_per_cpu_s")
                            / rawBest(s).median("records_per_cpu_s")));
                }
                String streams = (PASSTHROUGH.contains(Options.baseCase(x.name())) ? "streams-passthrough"
                        : GROUPBY.contains(Options.baseCase(x.name())) ? "streams-groupby-count"
                        : WINDOW_COUNT.contains(Options.baseCase(x.name())) ? "streams-window-count" : "streams-count")
                        + (Options.baseCase(x.name()).endsWith("-eos") ? "-eos" : "");
                Summary st = s.get(streams);
                if (st != null && st.ok() > 0) {
                    m.put("ratio_to_streams", round(x.median("records_per_s") / st.median("records_per_s")));
                }
            }
            out.put(x.name(), m);
        }
        return out;
    }

    /**
     * @param s the summaries
     * @return what the sensors cost: faust-passthrough (metrics on) against faust-passthrough-nometrics, from the
     *     medians and run by run (the runs are interleaved), or null when one of them did not run
     */
    static String metricsCost(Map<String, Summary> s) {
        Summary on = s.get("faust-passthrough");
        Summary off = s.get("faust-passthrough-nometrics");
        if (on == null || off == null || on.ok() == 0 || off.ok() == 0) {
            return null;
        }
        double[] a = on.values().get("records_per_s");
        double[] b = off.values().get("records_per_s");
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            runs.append(i == 0 ? "" : ", ").append(pct(1 - a[i] / b[i]));
        }
        String cpu = "";
        if (on.values().containsKey("records_per_cpu_s") && off.values().containsKey("records_per_cpu_s")) {
            cpu = String.format(java.util.Locale.ROOT, "; %s of the records per CPU-second (%s vs %s)",
                    pct(1 - on.median("records_per_cpu_s") / off.median("records_per_cpu_s")),
                    fmt(on.median("records_per_cpu_s"), 0), fmt(off.median("records_per_cpu_s"), 0));
        }
        String half = "second_half_records_per_cpu_s";
        if (on.values().containsKey(half) && off.values().containsKey(half)) {
            double[] c = on.values().get(half);
            double[] d = off.values().get(half);
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i < Math.min(c.length, d.length); i++) {
                pairs.append(i == 0 ? "" : ", ").append(pct(1 - c[i] / d[i]));
            }
            cpu += String.format(java.util.Locale.ROOT, "; second half of the window (warm): %s of the records per"
                    + " CPU-second (%s vs %s), run by run: %s", pct(1 - on.median(half) / off.median(half)),
                    fmt(on.median(half), 0), fmt(off.median(half), 0), pairs);
        }
        return String.format(java.util.Locale.ROOT, "Metrics cost (faust-passthrough vs faust-passthrough-nometrics):"
                + " %s of the throughput by the medians (%s vs %s records/s); run by run: %s%s%n",
                pct(1 - on.median("records_per_s") / off.median("records_per_s")), fmt(on.median("records_per_s"), 0),
                fmt(off.median("records_per_s"), 0), runs, cpu);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 1000) / 1000.0;
    }

    /** A text table: first column left-aligned, the others right-aligned. */
    static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void note(String name, String text) {
            rows.add(new String[] {name, "\0" + text});
        }

        @Override
        public String toString() {
            int[] w = new int[header.length];
            Function<String[], Void> measure = r -> {
                for (int i = 0; i < r.length; i++) {
                    if (!r[i].startsWith("\0")) {
                        w[i] = Math.max(w[i], r[i].length());
                    }
                }
                return null;
            };
            measure.apply(header);
            rows.forEach(measure::apply);
            StringBuilder sb = new StringBuilder();
            line(sb, header, w);
            int total = Arrays.stream(w).sum() + 2 * (w.length - 1);
            sb.append("-".repeat(total)).append('\n');
            for (String[] r : rows) {
                line(sb, r, w);
            }
            return sb.toString();
        }

        private static void line(StringBuilder sb, String[] r, int[] w) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (r[i].startsWith("\0")) {
                    l.append("  ").append(r[i].substring(1));
                    break;
                }
                if (i > 0) {
                    l.append("  ");
                }
                l.append(i == 0 ? pad(r[i], w[i], false) : pad(r[i], w[i], true));
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }

        private static String pad(String s, int w, boolean right) {
            String fill = " ".repeat(Math.max(0, w - s.length()));
            return right ? fill + s : s + fill;
        }
    }
}
