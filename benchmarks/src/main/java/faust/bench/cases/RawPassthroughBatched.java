package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Map;

/**
 * The other baseline: a consume→produce loop with a transactional producer that commits the input offsets
 * in the transaction every {@code --commit-every} records or {@code --commit-interval-ms}.
 */
public final class RawPassthroughBatched extends ThroughputCase {
    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        RawLoop loop = new RawLoop(a.bootstrap(), a.prefix(), a.input(), output, a.lingerMs(), true,
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
                return Map.of("transactions", loop.transactions());
            }
        };
    }
}
