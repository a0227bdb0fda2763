package faust.transport.internal;

import faust.Settings;
import faust.internal.Clock;
import faust.internal.Replies;
import faust.internal.Sender;
import faust.internal.Transport;

/**
 * The Kafka transport's {@link Transport}: a standalone producer for {@code topic.send} outside a worker, and a
 * reply consumer for asks outside a worker.
 */
public final class KafkaTransport implements Transport {
    /** Made by {@link java.util.ServiceLoader}. */
    public KafkaTransport() {
    }

    @Override
    public Sender standaloneSender(Settings settings, String clientId) {
        return KafkaSender.create(KafkaClients.REAL, settings, clientId + "-client", true);
    }

    @Override
    public Replies replies(Settings settings, String topic, String clientId) {
        return ReplyConsumer.start(KafkaClients.REAL, settings, topic, clientId + "-client-replies", Clock.SYSTEM);
    }
}
