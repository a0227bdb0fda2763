package faust.worker.internal;

import faust.sensors.internal.Sensors;

/**
 * The worker's sensors as the first service of its boot plan: JVM meters, the statsd/Datadog exporters the
 * {@code monitor} setting names, and the one-second sampler start before anything else and stop last.
 */
public final class SensorsService implements Service {
    private final Sensors sensors;

    /** @param sensors the worker's sensors */
    public SensorsService(Sensors sensors) {
        this.sensors = sensors;
    }

    @Override
    public String name() {
        return "sensors";
    }

    @Override
    public void start() {
        sensors.start();
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        sensors.close();
        return true;
    }
}
