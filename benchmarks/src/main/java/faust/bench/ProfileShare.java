package faust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What share of a case JVM's CPU samples is in some code ({@code benchmarks/run.sh --profile-share}): reads JFR
 * recordings made with {@code --case-jvm-opts "-XX:StartFlightRecording=filename=DIR/{case}-{run}.jfr,..."},
 * keeps the execution samples ({@code jdk.ExecutionSample}) taken between the run's first and last output record
 * (the window of the results JSON, matched by the file name {@code <case>-<run>.jfr}), and counts, per thread,
 * those with a frame whose class matches the pattern (e.g. the sensors: {@code micrometer|prometheus|HdrHistogram|
 * faust/sensors}). The count is of Java samples only (JIT and GC threads are not sampled); its share says what
 * the matched code costs the threads that run Java, whatever the load of the machine.
 */
public final class ProfileShare {
    private static final Pattern NAME = Pattern.compile("(?:^|[/\\\\])([a-z0-9-]+(?:\\.[a-z0-9]+)?)-(\\d+)\\.jfr$");
    private static final PrintStream OUT = System.out;

    private ProfileShare() {
    }

    /**
     * @param args the class pattern (a regular expression over {@code pkg/Class} names), the results JSON, then
     *     the recordings
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: benchmarks/run.sh --profile-share PATTERN RESULTS.json RECORDING.jfr..."
                    + " (e.g. 'micrometer|prometheus|HdrHistogram|faust/sensors' target/results/results-*.json"
                    + " /tmp/jfr/*.jfr)");
            System.exit(2);
        }
        Pattern pattern = Pattern.compile(args[0]);
        Map<String, long[]> windows = windows(Path.of(args[1]));
        Map<String, double[]> shareByCase = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            Path file = Path.of(args[i]);
            Matcher m = NAME.matcher(file.toString());
            long[] w = m.find() ? windows.get(m.group(1) + "#" + m.group(2)) : null;
            if (w == null) {
                OUT.println(file + ": no run " + (m.find(0) ? m.group(1) + " " + m.group(2) : "(name is not"
                        + " <case>-<run>.jfr)") + " in " + args[1] + ": skipped");
                continue;
            }
            Map<String, long[]> byThread = new LinkedHashMap<>();
            long all = 0;
            long hits = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                long t = e.getStartTime().toEpochMilli();
                if (t < w[0] || t > w[1]) {
                    continue;
                }
                String thread = e.getThread("sampledThread") == null ? "?"
                        : String.valueOf(e.getThread("sampledThread").getJavaName()).replaceAll("\\d+", "N");
                boolean hit = matches(e.getStackTrace(), pattern);
                long[] c = byThread.computeIfAbsent(thread, k -> new long[2]);
                c[0]++;
                all++;
                if (hit) {
                    c[1]++;
                    hits++;
                }
            }
            if (all == 0) {
                OUT.println(file.getFileName() + ": no execution samples inside its run's window: is " + args[1]
                        + " the results of the run that made it?");
                continue;
            }
            double share = 100.0 * hits / all;
            OUT.printf(Locale.ROOT, "%s: %d of %d samples in the window (%.2f %%)%n", file.getFileName(), hits, all,
                    share);
            byThread.entrySet().stream().filter(x -> x.getValue()[1] > 0)
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .forEach(x -> OUT.printf(Locale.ROOT, "    %-60s %5d of %6d%n", x.getKey(), x.getValue()[1],
                            x.getValue()[0]));
            double[] acc = shareByCase.computeIfAbsent(m.group(1), k -> new double[2]);
            acc[0] += hits;
            acc[1] += all;
        }
        shareByCase.forEach((c, v) -> OUT.printf(Locale.ROOT, "%s: %.2f %% of %d samples%n", c,
                v[1] == 0 ? 0 : 100 * v[0] / v[1], (long) v[1]));
    }

    private static boolean matches(RecordedStackTrace st, Pattern pattern) {
        if (st == null) {
            return false;
        }
        for (RecordedFrame f : st.getFrames()) {
            if (f.getMethod() != null && pattern.matcher(f.getMethod().getType().getName().replace('.', '/')).find()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, long[]> windows(Path results) throws IOException {
        JsonNode root = new ObjectMapper().readTree(results.toFile());
        Map<String, long[]> out = new LinkedHashMap<>();
        List<JsonNode> runs = new ArrayList<>();
        root.path("runs").forEach(runs::add);
        for (JsonNode r : runs) {
            if (r.has("window_first_epoch_ms")) {
                out.put(r.path("case").asText() + "#" + r.path("run").asInt(),
                        new long[] {r.path("window_first_epoch_ms").asLong(), r.path("window_last_epoch_ms").asLong()});
            }
        }
        return out;
    }
}
