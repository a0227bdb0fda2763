package faust.transport.internal;

import faust.Settings;
import faust.internal.Sender;
import faust.internal.Transport;

/** The Kafka transport's {@link Transport}: a standalone producer for {@code topic.send} outside a worker. */
public final class KafkaTransport implements Transport {
    /** Made by {@link java.util.ServiceLoader}. */
    public KafkaTransport() {
    }

    @Override
    public Sender standaloneSender(Settings settings, String clientId) {
        return KafkaSender.create(KafkaClients.REAL, settings, clientId + "-client", true);
    }
}
