package faust.worker.internal;

import faust.transport.internal.Fetcher;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The worker's consumer ({@link Fetcher}): started last among the processing services, because its first
 * poll may assign partitions at once, and tables and agents must be ready for them; stopped first, because
 * it stops fetching, waits for in-flight events (warm), and makes the final commit.
 */
public final class ConsumerService implements Service {
    private static final long GRACE = TimeUnit.SECONDS.toNanos(15);

    private final Fetcher fetcher;
    private final Supplier<Map<String, Object>> assignorConfig;

    /**
     * @param fetcher the fetcher
     * @param assignorConfig the assignor's configs, made at start (they carry the web URL)
     */
    public ConsumerService(Fetcher fetcher, Supplier<Map<String, Object>> assignorConfig) {
        this.fetcher = fetcher;
        this.assignorConfig = assignorConfig;
    }

    @Override
    public String name() {
        return "consumer";
    }

    /** @return the fetcher */
    public Fetcher fetcher() {
        return fetcher;
    }

    @Override
    public void start() {
        fetcher.assignorConfig(assignorConfig.get());
        fetcher.start();
    }

    @Override
    public void stopping(Shutdown shutdown) {
        fetcher.stop(shutdown.mode(), shutdown.deadline());
    }

    @Override
    public boolean stop(Shutdown shutdown) throws InterruptedException {
        fetcher.stop(shutdown.mode(), shutdown.deadline());
        return fetcher.awaitStopped(shutdown.deadline() + GRACE);
    }
}
