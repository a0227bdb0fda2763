package faust.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's own logic, without a broker and without running any benchmark. */
class HarnessTest {

    @Test
    void defaultsAreTheIssuesNumbers() {
        Options o = Options.defaults();
        assertThat(o.records()).isEqualTo(2_000_000);
        assertThat(o.partitions()).isEqualTo(8);
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.keySpace()).isEqualTo(100_000);
        assertThat(o.keySize()).isEqualTo(16);
        assertThat(o.valueSize()).isEqualTo(100);
        assertThat(o.rate()).isEqualTo(20_000);
        assertThat(o.broker()).isNull();
        assertThat(o.cases()).isEqualTo(Options.ALL_CASES);
    }

    @Test
    void argumentsAreParsedInBothForms() {
        Options o = Options.parse(new String[] {"--records", "300_000", "--runs=1", "--cases", "faust-count,raw-passthrough",
                "--broker", "kafka://localhost:9092", "--out", "x.json", "--case-jvm-opts", "-Xss1m -Dx=y"});
        assertThat(o.records()).isEqualTo(300_000);
        assertThat(o.runs()).isEqualTo(1);
        assertThat(o.cases()).as("table order, not argument order").containsExactly("raw-passthrough", "faust-count");
        assertThat(o.broker()).isEqualTo("localhost:9092");
        assertThat(o.out()).isEqualTo(Path.of("x.json"));
        assertThat(o.caseJvmOpts()).containsExactly("-Xss1m", "-Dx=y");
        assertThat(Options.parse(new String[] {"--worker-java-opts", "-Xmx1g", "--worker-java-opts=-Da=b"})
                .workerJavaOpts()).isEqualTo("-Xmx1g -Da=b");
        assertThat(Options.parse(new String[] {"--cases", "raw-passthrough-tx100,streams-passthrough,faust-cli-passthrough"})
                .cases()).containsExactly("raw-passthrough-tx100", "streams-passthrough", "faust-cli-passthrough");
        assertThat(Options.parse(new String[] {"--cases", "latency"}).cases())
                .containsExactly("latency-raw", "latency-faust");
    }

    @Test
    void badArgumentsSayWhatToChange() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--records", "0"}))
                .hasMessageContaining("--records");
        assertThatThrownBy(() -> Options.parse(new String[] {"--cases", "faust-tables"}))
                .hasMessageContaining("unknown case 'faust-tables'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--runs"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--frobnicate", "1"}))
                .hasMessageContaining("unknown argument");
    }

    @Test
    void caseArgumentsRoundTrip() {
        CaseArgs a = new CaseArgs("faust-passthrough", 2, "localhost:1234", "in", 1000, 8, "bench-x", 42, 500, 3, 1,
                100, 16, 100, 100, 10_000, 5, Path.of("/tmp/w"), "-XX:+UseSerialGC -Dx={case}");
        List<String> args = a.toArgs();
        assertThat(CaseArgs.parse(args.toArray(String[]::new))).isEqualTo(a);
    }

    @Test
    void keysHaveTheirSizeAndDiffer() {
        assertThat(new String(Preload.key(12345, 16))).isEqualTo("k000000000012345");
        assertThat(Preload.key(0, 16)).hasSize(16);
        assertThat(Preload.key(99_999, 16)).isNotEqualTo(Preload.key(99_998, 16));
    }

    @Test
    void theTableShowsMediansSpreadAndRatios() {
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(run("raw-passthrough", 1, 100_000));
        results.add(run("raw-passthrough", 2, 120_000));
        results.add(run("raw-passthrough", 3, 110_000));
        results.add(run("raw-passthrough-batched", 1, 200_000));
        results.add(run("streams-passthrough", 1, 160_000));
        results.add(run("faust-passthrough", 1, 240_000));
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("case", "faust-passthrough");
        failed.put("run", 2);
        failed.put("ok", false);
        failed.put("error", "boom");
        results.add(failed);
        results.add(Map.of("case", "faust-count", "run", 1, "ok", false, "skipped", "tables not implemented yet"));
        List<String> cases = List.of("raw-passthrough", "raw-passthrough-batched", "streams-passthrough",
                "faust-passthrough", "faust-count");

        Map<String, Report.Summary> s = Report.summarize(results, cases);
        assertThat(s.get("raw-passthrough").median("records_per_s")).isEqualTo(110_000);
        assertThat(s.get("raw-passthrough").spread("records_per_s")).isCloseTo(20_000 / 110_000.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Report.rawBaseline(s)).as("the better raw loop").isEqualTo(200_000);

        String table = Report.tables(results, cases);
        assertThat(table).contains("records/s").contains("x raw").contains("x streams");
        assertThat(line(table, "raw-passthrough ")).contains("110,000").contains("18.2%").contains("0.55");
        assertThat(line(table, "faust-passthrough")).contains("1/2").contains("240,000").contains("1.20")
                .contains("1.50");
        assertThat(line(table, "faust-count")).contains("skipped: tables not implemented yet");
        assertThat(table).contains("faust-passthrough: 1 of 2 runs failed: boom");

        Map<String, Object> json = Report.summaryJson(results, cases);
        @SuppressWarnings("unchecked")
        Map<String, Object> faust = (Map<String, Object>) json.get("faust-passthrough");
        assertThat(faust.get("ratio_to_raw")).isEqualTo(1.2);
        assertThat(faust.get("ratio_to_streams")).isEqualTo(1.5);
    }

    @Test
    void theMetricsCostIsThroughputWithSensorsOnAgainstOff() {
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(run("raw-passthrough", 1, 100_000));
        results.add(withCpu(run("faust-passthrough", 1, 196_000), 99_000));
        results.add(withCpu(run("faust-passthrough-nometrics", 1, 200_000), 100_000));
        results.add(withCpu(run("faust-passthrough", 2, 300_000), 99_000));
        results.add(withCpu(run("faust-passthrough-nometrics", 2, 290_000), 100_000));
        List<String> cases = List.of("raw-passthrough", "faust-passthrough", "faust-passthrough-nometrics");

        String table = Report.tables(results, cases);

        assertThat(table).contains("Metrics cost (faust-passthrough vs faust-passthrough-nometrics): -1.2% of the"
                + " throughput by the medians (248,000 vs 245,000 records/s)");
        assertThat(table).contains("run by run: 2.0%, -3.4%; 1.0% of the records per CPU-second (99,000 vs 100,000)");
        assertThat(Report.tables(results, List.of("raw-passthrough", "faust-passthrough"))).doesNotContain("Metrics cost");

        results.get(1).put("second_half_records_per_cpu_s", 150_000.0);
        results.get(2).put("second_half_records_per_cpu_s", 160_000.0);
        results.get(3).put("second_half_records_per_cpu_s", 198_000.0);
        results.get(4).put("second_half_records_per_cpu_s", 200_000.0);
        assertThat(Report.tables(results, cases)).contains("; second half of the window (warm): 3.3% of the records"
                + " per CPU-second (174,000 vs 180,000), run by run: 6.3%, 1.0%");
    }

    @Test
    void theStrongestRawLoopIsTheBaselineOfThroughputAndCpu() {
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(run("raw-passthrough", 1, 100_000));
        results.add(withCpu(run("raw-passthrough-tx100", 1, 400_000), 500_000));
        results.add(run("streams-passthrough", 1, 300_000));
        results.add(withCpu(run("faust-cli-passthrough", 1, 420_000), 600_000));
        List<String> cases = List.of("raw-passthrough", "raw-passthrough-tx100", "streams-passthrough",
                "faust-cli-passthrough");
        String table = Report.tables(results, cases);
        assertThat(table).contains("x raw over raw-passthrough-tx100");
        assertThat(line(table, "faust-cli-passthrough")).contains("420,000").contains("1.05").contains("1.40")
                .contains("600,000").contains("1.20");
        @SuppressWarnings("unchecked")
        Map<String, Object> cli = (Map<String, Object>) Report.summaryJson(results, cases).get("faust-cli-passthrough");
        assertThat(cli.get("raw_baseline")).isEqualTo("raw-passthrough-tx100");
        assertThat(cli.get("cpu_ratio_to_raw")).isEqualTo(1.2);
    }

    @Test
    void workerVariantsRunEachCliCaseOncePerVariant() {
        Options o = Options.parse(new String[] {"--cases", "raw-passthrough-tx100,faust-cli-passthrough",
                "--worker-java-opts", "-Da=1", "--worker-variant", "g1=", "--worker-variant", "par=-XX:+UseParallelGC"});
        assertThat(o.runCases()).containsExactly("raw-passthrough-tx100", "faust-cli-passthrough.g1",
                "faust-cli-passthrough.par");
        assertThat(o.workerJavaOpts("faust-cli-passthrough.par")).isEqualTo("-Da=1 -XX:+UseParallelGC");
        assertThat(o.workerJavaOpts("faust-cli-passthrough.g1")).isEqualTo("-Da=1");
        assertThat(Options.baseCase("faust-cli-passthrough.par")).isEqualTo("faust-cli-passthrough");
        assertThatThrownBy(() -> Options.parse(new String[] {"--worker-variant", "a b=x"}))
                .hasMessageContaining("--worker-variant");
        List<Map<String, Object>> results = List.of(run("raw-passthrough-tx100", 1, 100_000),
                run("faust-cli-passthrough.g1", 1, 90_000), run("faust-cli-passthrough.par", 1, 120_000));
        String table = Report.tables(results, o.runCases());
        assertThat(line(table, "faust-cli-passthrough.par")).contains("120,000").contains("1.20");
    }

    @Test
    void theStartTableShowsEachPhase() {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("case", "faust-cli-start");
        start.put("ok", true);
        start.put("version_ms", 612.0);
        start.put("agents_ms", 1843.0);
        start.put("start_ms", 3210.0);
        start.put("restart_start_ms", 2950.0);
        String table = Report.tables(List.of(start), List.of("faust-cli-start"));
        assertThat(line(table, "faust-cli-start")).contains("612").contains("1,843").contains("3,210").contains("2,950");
    }

    @Test
    void theAskTableShowsBothPhases() {
        Map<String, Object> ask = new LinkedHashMap<>();
        ask.put("case", "faust-ask");
        ask.put("ok", true);
        ask.put("seq_asks_per_s", 412.0);
        ask.put("seq_p99_ms", 6.5);
        ask.put("par_asks_per_s", 9_876.0);
        ask.put("par_p99_ms", 31.25);
        String table = Report.tables(List.of(ask), List.of("faust-ask"));
        assertThat(line(table, "faust-ask (1 at a time)")).contains("412").contains("6.50");
        assertThat(line(table, "faust-ask (64 in flight)")).contains("9,876").contains("31.25");
    }

    @Test
    void latencyAndLifecycleTablesAppearForTheirCases() {
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("case", "latency-faust");
        lat.put("ok", true);
        lat.put("send_rate", 20_000.0);
        lat.put("p50_ms", 1.25);
        lat.put("p99_ms", 7.5);
        lat.put("p999_ms", 12.0);
        lat.put("max_ms", 20.0);
        lat.put("missing", 0);
        Map<String, Object> life = new LinkedHashMap<>();
        life.put("case", "lifecycle");
        life.put("ok", true);
        life.put("start_ms", 1500.4);
        life.put("stop_ms", 250.0);
        String table = Report.tables(List.of(lat, life), List.of("latency-faust", "lifecycle"));
        assertThat(line(table, "latency-faust")).contains("20,000").contains("1.25").contains("7.50").contains("12.00");
        assertThat(line(table, "lifecycle ")).contains("1,500").contains("250");
        assertThat(table).doesNotContain("Throughput");
    }

    private static Map<String, Object> run(String c, int run, double rps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", c);
        m.put("run", run);
        m.put("ok", true);
        m.put("records_per_s", rps);
        m.put("mb_per_s", rps * 116 / 1e6);
        m.put("cpu_cores", 1.0);
        return m;
    }

    private static Map<String, Object> withCpu(Map<String, Object> m, double recordsPerCpuSecond) {
        m.put("records_per_cpu_s", recordsPerCpuSecond);
        return m;
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(
                () -> new AssertionError("no line starting with '" + start + "' in\n" + table));
    }
}
