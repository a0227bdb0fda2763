package faust.bench.cases;

import faust.bench.CaseArgs;
import java.util.Map;

/**
 * The baseline DESIGN §7 names: a consume→produce loop with a transactional producer committing the input
 * offsets in one transaction every {@code --commit-interval-ms} (100 ms) whatever the record count, and
 * kafka-clients defaults for everything else (linger, batch size, max.poll.records 500, acks=all, idempotence).
 */
public final class RawPassthroughTx100 extends ThroughputCase {
    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        RawLoop loop = RawLoop.transactionEvery(a.bootstrap(), a.prefix(), a.input(), output, a.commitIntervalMs(),
                meter);
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
