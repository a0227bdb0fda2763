package faust.worker.internal;

import faust.internal.Clock;
import faust.transport.internal.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a worker is given rather than makes, so tests can replace it: the factory of its Kafka clients
 * (consumer, producer, admin; mocks in unit tests), its clock, and a meter registry its sensors also report to
 * (besides their own Prometheus registry; null for none).
 *
 * @param clients makes the Kafka clients
 * @param clock where time is read
 * @param registry another registry for the worker's meters (a test's {@code SimpleMeterRegistry}), or null
 */
public record Collaborators(KafkaClients clients, Clock clock, MeterRegistry registry) {
    /**
     * @param clients makes the Kafka clients
     * @param clock where time is read
     */
    public Collaborators(KafkaClients clients, Clock clock) {
        this(clients, clock, null);
    }

    /** @return real Kafka clients and the system clock */
    public static Collaborators real() {
        return new Collaborators(KafkaClients.REAL, Clock.SYSTEM);
    }
}
