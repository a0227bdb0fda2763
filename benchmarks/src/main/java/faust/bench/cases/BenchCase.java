package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Map;

/** One benchmark case, run once per case JVM. */
public interface BenchCase {
    /**
     * Runs the case once.
     *
     * @param args what the coordinator passed
     * @return the measurements as JSON fields; a {@code skipped} field (the reason) marks a case that did not run
     * @throws Exception anything: the run is reported as failed with the message
     */
    Map<String, Object> run(CaseArgs args) throws Exception;
}
