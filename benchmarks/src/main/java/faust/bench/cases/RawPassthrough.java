package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Map;

/** The baseline: a hand-written consume→produce loop committing once per poll (after a producer flush). */
public final class RawPassthrough extends ThroughputCase {
    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        RawLoop loop = new RawLoop(a.bootstrap(), a.prefix(), a.input(), output, a.lingerMs(), false,
                a.commitEvery(), a.commitIntervalMs(), meter);
        loop.start();
        return new Running() {
            @Override
            public String failure() {
                return loop.failure();
            }

            @Override
            public Map<String, Object> stop() throws Exception {
                loop.stopAndJoin();
                return Map.of();
            }
        };
    }
}
