package faust.worker.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's services in boot order (DESIGN §4): started one after the other, told when a shutdown begins or gets
 * stronger, and stopped in reverse order. Only the services that started are told and stopped.
 */
public final class ServicePlan {
    private static final Logger LOG = LoggerFactory.getLogger(ServicePlan.class);

    private final List<Service> plan;
    private final List<Service> started = new ArrayList<>();

    /** @param plan the services in boot order */
    public ServicePlan(List<Service> plan) {
        this.plan = List.copyOf(plan);
    }

    /**
     * Starts every service in order; returns when the last one started.
     *
     * @throws RuntimeException what a service's start threw (those started before it are left to {@link #stop})
     */
    public void start() {
        for (Service s : plan) {
            s.start();
            synchronized (started) {
                started.add(s);
            }
        }
    }

    /** @param s the shutdown that began or got stronger, told to every started service */
    public void signal(Shutdown s) {
        for (Service service : startedSoFar()) {
            service.stopping(s);
        }
    }

    /**
     * Stops the started services in reverse boot order; a service that fails to stop is logged in one line and the
     * others still stop.
     *
     * @param s the shutdown
     * @param leftRunning told about the first service that left something running (once)
     * @return false when a service left something running
     */
    public boolean stop(Shutdown s, BiConsumer<Shutdown, Service> leftRunning) {
        List<Service> toStop = startedSoFar();
        boolean clean = true;
        for (int i = toStop.size() - 1; i >= 0; i--) {
            Service service = toStop.get(i);
            try {
                if (!service.stop(s) && clean) {
                    clean = false;
                    leftRunning.accept(s, service);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("stopping the {}: {}", service.name(), e.toString());
            }
        }
        return clean;
    }

    private List<Service> startedSoFar() {
        synchronized (started) {
            return new ArrayList<>(started);
        }
    }
}
