package faust.worker.internal;

import faust.StopMode;
import faust.agents.internal.AgentRunner;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agents: one runner per agent, its instances on virtual threads. Stopped after the consumer: a warm
 * stop waits for the instances until the deadline; a cold one interrupts them and waits 2 s. Instances
 * still running then are interrupted and reported.
 */
public final class AgentsService implements Service {
    private static final long COLD_WAIT = TimeUnit.SECONDS.toNanos(2);

    private final List<AgentRunner<?, ?>> runners;

    /** @param runners the agents' runners */
    public AgentsService(List<AgentRunner<?, ?>> runners) {
        this.runners = List.copyOf(runners);
    }

    @Override
    public String name() {
        return "agents";
    }

    /** @return the runners */
    public List<AgentRunner<?, ?>> runners() {
        return runners;
    }

    @Override
    public void start() {
        runners.forEach(AgentRunner::start);
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
