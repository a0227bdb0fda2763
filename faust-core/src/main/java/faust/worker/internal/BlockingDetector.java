package faust.worker.internal;

import faust.Event;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.StreamImpl;
import faust.internal.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when one event keeps an agent busy longer than {@code blocking_timeout}: logs the agent, the
 * event's topic, partition and offset, and the agent's stack. Once per event.
 */
public final class BlockingDetector implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingDetector.class);

    private final List<AgentRunner<?, ?>> runners;
    private final Duration timeout;
    private final Clock clock;
    private final Map<StreamImpl<?, ?>, Event<?, ?>> warned = new java.util.WeakHashMap<>(); // instances come and go
    private Thread thread;

    /**
     * @param runners the agents
     * @param timeout how long one event may take before a warning
     * @param clock the worker's clock
     */
    public BlockingDetector(List<AgentRunner<?, ?>> runners, Duration timeout, Clock clock) {
        this.runners = runners;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "blocking-detector";
    }

    @Override
    public void start() {
        thread = Thread.ofPlatform().daemon().name("faust-blocking-detector").start(this::run);
    }

    private void run() {
        long period = Math.max(10, timeout.toMillis() / 4);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            check();
        }
    }

    private void check() {
        long now = clock.nanoTime();
        for (AgentRunner<?, ?> r : runners) {
            for (AgentRunner.Instance instance : r.instances()) {
                StreamImpl<?, ?> s = instance.stream();
                Event<?, ?> ev = s.current();
                if (ev == null || instance.thread() == null || warned.get(s) == ev) {
                    continue;
                }
                long busy = now - s.currentSince();
                if (busy > timeout.toNanos()) {
                    warned.put(s, ev);
                    Thread t = instance.thread();
                    StringBuilder stack = new StringBuilder();
                    for (StackTraceElement el : t.getStackTrace()) {
                        stack.append("\n    at ").append(el);
                    }
                    LOG.warn("blocking detected: agent {} has been processing {}-{}@{} for {} ms (blocking_timeout {} ms),"
                            + " thread {}:{}", r.agent().name(), ev.topic(), ev.partition(), ev.offset(),
                            busy / 1_000_000, timeout.toMillis(), t.getName(), stack);
                }
            }
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        thread.interrupt();
        return true;
    }
}
