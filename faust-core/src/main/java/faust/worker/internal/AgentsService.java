package faust.worker.internal;

import faust.StopMode;
import faust.agents.internal.AgentRunner;
import faust.internal.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents: one runner per agent, its instances on virtual threads. Two places in the boot plan: they are
 * started by {@link #launch()} before the tables, and this service, after the tables, stops them. Stopped
 * after the consumer: a warm stop waits for the instances until the deadline; a cold one interrupts them and
 * waits 2 s. Instances still running then are interrupted and reported.
 */
public final class AgentsService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(AgentsService.class);
    private static final long COLD_WAIT = TimeUnit.SECONDS.toNanos(2);
    /** How long the start waits for the agents to build their streams (declare the topics they read). */
    static final Duration LOOP_WAIT = Duration.ofSeconds(5);

    private final List<AgentRunner<?, ?>> runners;
    private final Clock clock;
    private volatile boolean started;

    /**
     * @param runners the agents' runners
     * @param clock the worker's clock
     */
    public AgentsService(List<AgentRunner<?, ?>> runners, Clock clock) {
        this.runners = List.copyOf(runners);
        this.clock = clock;
    }

    /**
     * The start of the agents, placed before the tables in the boot plan: starts the instances and waits (at
     * most {@link #LOOP_WAIT}) until each reached its loop, so the topics their streams declare
     * ({@code groupBy}, {@code through}) are created before the tables are planned and the consumer subscribes.
     * A stream built later still works: the consumer subscribes to its topics then. Stopping it stops the
     * instances only when the start failed before this service took them over.
     *
     * @return the service
     */
    public Service launch() {
        return new Service() {
            @Override
            public String name() {
                return "agent-start";
            }

            @Override
            public void start() {
                runners.forEach(AgentRunner::start);
                long deadline = clock.nanoTime() + LOOP_WAIT.toNanos();
                for (AgentRunner<?, ?> r : runners) {
                    try {
                        if (!r.topics().awaitLoops(deadline, clock)) {
                            LOG.warn("agent {} did not reach its loop within {} s; topics its stream declares later"
                                    + " (groupBy, through) are subscribed to when it does", r.agent().name(),
                                    LOOP_WAIT.toSeconds());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }

            @Override
            public boolean stop(Shutdown shutdown) throws InterruptedException {
                if (started) {
                    return true;
                }
                runners.forEach(AgentRunner::interrupt);
                boolean done = true;
                for (AgentRunner<?, ?> r : runners) {
                    done &= r.await(clock.nanoTime() + COLD_WAIT);
                }
                return done;
            }
        };
    }

    @Override
    public String name() {
        return "agents";
    }

    /** @return the runners */
    public List<AgentRunner<?, ?>> runners() {
        return runners;
    }

    /** Takes over the instances {@link #launch()} started: from now on this service stops them. */
    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stopping(Shutdown shutdown) {
        if (shutdown.mode() != StopMode.WARM) {
            runners.forEach(AgentRunner::interrupt);
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) throws InterruptedException {
        runners.forEach(AgentRunner::close);
        boolean done = true;
        for (AgentRunner<?, ?> r : runners) {
            done &= r.await(shutdown.mode() == StopMode.WARM ? shutdown.deadline()
                    : shutdown.clock().nanoTime() + COLD_WAIT);
        }
        return done;
    }

    @Override
    public String leftRunning() {
        String dump = ThreadDump.agents(runners);
        runners.forEach(AgentRunner::interrupt);
        return dump;
    }
}
