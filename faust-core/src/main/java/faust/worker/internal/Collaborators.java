package faust.worker.internal;

import faust.internal.Clock;
import faust.transport.internal.KafkaClients;

/**
 * What a worker is given rather than makes, so tests can replace it: the factory of its Kafka clients
 * (consumer, producer, admin; mocks in unit tests) and its clock. A metrics registry joins them later.
 *
 * @param clients makes the Kafka clients
 * @param clock where time is read
 */
public record Collaborators(KafkaClients clients, Clock clock) {
    /** @return real Kafka clients and the system clock */
    public static Collaborators real() {
        return new Collaborators(KafkaClients.REAL, Clock.SYSTEM);
    }
}
