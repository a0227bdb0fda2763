package faust.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import faust.bench.cases.BenchCase;
import faust.bench.cases.FaustAsk;
import faust.bench.cases.FaustCliCount;
import faust.bench.cases.FaustCliPassthrough;
import faust.bench.cases.FaustCliStart;
import faust.bench.cases.FaustCount;
import faust.bench.cases.FaustGroupByCount;
import faust.bench.cases.FaustPassthrough;
import faust.bench.cases.FaustWindowCount;
import faust.bench.cases.FaustTakePassthrough;
import faust.bench.cases.LatencyCase;
import faust.bench.cases.Lifecycle;
import faust.bench.cases.RawPassthrough;
import faust.bench.cases.RawPassthroughBatched;
import faust.bench.cases.RawPassthroughTx100;
import faust.bench.cases.StreamsCount;
import faust.bench.cases.StreamsGroupByCount;
import faust.bench.cases.StreamsPassthrough;
import faust.bench.cases.StreamsWindowCount;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one case, in a JVM of its own started by {@link Main}:
 * {@code java -cp ... faust.bench.CaseMain <case> --bootstrap H:P --input T ...}. Prints exactly one line
 * starting with {@value #RESULT} followed by a JSON object to stdout, and may print {@value #READY} when
 * a worker became ready (the coordinator times it from the fork). Everything else goes to stderr.
 */
public final class CaseMain {
    /** Prefix of the result line. */
    public static final String RESULT = "BENCH-RESULT ";
    /** The line printed when the case's worker is ready. */
    public static final String READY = "BENCH-READY";

    private static final PrintStream STDOUT = System.out;

    private CaseMain() {
    }

    /**
     * @param name a case name from {@link Options#ALL_CASES}
     * @return the case
     * @throws IllegalArgumentException for an unknown name
     */
    public static BenchCase byName(String name) {
        return switch (Options.baseCase(name)) {
            case "raw-passthrough" -> new RawPassthrough();
            case "raw-passthrough-batched" -> new RawPassthroughBatched();
            case "raw-passthrough-tx100" -> new RawPassthroughTx100();
            case "streams-passthrough" -> new StreamsPassthrough();
            case "faust-passthrough" -> new FaustPassthrough();
            case "faust-passthrough-nometrics" -> new FaustPassthrough(false);
            case "faust-cli-passthrough" -> new FaustCliPassthrough();
            case "streams-count" -> new StreamsCount();
            case "streams-passthrough-eos" -> exactlyOnce(new StreamsPassthrough());
            case "faust-passthrough-eos" -> exactlyOnce(new FaustPassthrough());
            case "streams-count-eos" -> exactlyOnce(new StreamsCount());
            case "faust-count-eos" -> exactlyOnce(new FaustCount());
            case "faust-count" -> new FaustCount();
            case "faust-cli-count" -> new FaustCliCount();
            case "streams-window-count" -> new StreamsWindowCount();
            case "faust-window-count" -> new FaustWindowCount();
            case "faust-take-passthrough" -> new FaustTakePassthrough();
            case "streams-groupby-count" -> new StreamsGroupByCount();
            case "faust-groupby-count" -> new FaustGroupByCount();
            case "latency-raw" -> new LatencyCase(false);
            case "latency-faust" -> new LatencyCase(true);
            case "lifecycle" -> new Lifecycle();
            case "faust-cli-start" -> new FaustCliStart();
            case "faust-ask" -> new FaustAsk();
            default -> throw new IllegalArgumentException("unknown case: " + name);
        };
    }

    /** The {@code -eos} cases: Kafka Streams {@code exactly_once_v2}, Faust {@code processing_guarantee=exactly_once}. */
    private static BenchCase exactlyOnce(BenchCase c) {
        faust.bench.cases.Guarantees.exactlyOnce();
        return c;
    }

    /** Tells the coordinator that the worker is ready (used by the lifecycle case). */
    public static void ready() {
        STDOUT.println(READY);
        STDOUT.flush();
    }

    /**
     * @param args {@code <case> --key value ...}, see {@link CaseArgs}
     */
    public static void main(String[] args) {
        // Libraries must not write to the coordinator's pipe: everything but our two lines goes to stderr.
        System.setOut(System.err);
        Map<String, Object> result = new LinkedHashMap<>();
        int status = 0;
        try {
            CaseArgs a = CaseArgs.parse(args);
            result.put("case", a.name());
            result.put("run", a.run());
            Map<String, Object> r = byName(a.name()).run(a);
            result.put("ok", !r.containsKey("skipped"));
            result.putAll(r);
        } catch (Throwable t) {
            t.printStackTrace();
            result.put("ok", false);
            result.put("error", t.getClass().getSimpleName() + ": " + t.getMessage());
            status = 1;
        }
        try {
            STDOUT.println(RESULT + new ObjectMapper().writeValueAsString(result));
        } catch (Exception e) {
            STDOUT.println(RESULT + "{\"ok\":false,\"error\":\"cannot write the result\"}");
        }
        STDOUT.flush();
        // Kafka and RocksDB leave non-daemon threads behind after a failure; the result is out.
        System.exit(status);
    }
}
