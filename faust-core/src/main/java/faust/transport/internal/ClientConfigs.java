package faust.transport.internal;

import faust.Setting;
import faust.Settings;
import faust.internal.ClientProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one place where Kafka client configs are made from settings: the worker's consumer, the changelog
 * reader's consumer, the producer (the worker's and a standalone one) and the admin client. Settings that
 * every client shares (bootstrap servers) are added in {@link #common}; the app's own client properties
 * (credentials for TLS/SASL, {@code kafka_config}, {@code FAUST_KAFKA_*}: {@link Settings#kafkaConfig()}) are
 * laid over the worker's defaults in {@link #user}, once per kind of client. Keys the guarantees depend on are
 * refused when the settings are resolved, and set here after the user's anyway.
 */
public final class ClientConfigs {
    private final Settings settings;

    /** @param settings resolved settings */
    public ClientConfigs(Settings settings) {
        this.settings = settings;
    }

    /** @return what every client gets: where the brokers are */
    private Map<String, Object> common(String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", settings.bootstrapServers());
        p.put("client.id", clientId);
        return p;
    }

    /** Lays the app's client properties for {@code kind} over {@code p}. */
    private Map<String, Object> user(Map<String, Object> p, String kind) {
        p.putAll(new ClientProperties(settings.kafkaConfig(), Map.of()).forClient(kind));
        return p;
    }

    /**
     * The worker's group consumer: manual commits, {@link FaustAssignor}, byte arrays.
     *
     * @param groupId the consumer group
     * @param assignor extra entries for the assignor ({@link FaustAssignor#config}); objects pass through
     * @return the configs
     */
    public Map<String, Object> consumer(String groupId, Map<String, Object> assignor) {
        Map<String, Object> p = common(groupId + "-consumer");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, FaustAssignor.class.getName());
        p.putAll(assignor);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.text(Setting.CONSUMER_AUTO_OFFSET_RESET));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                Long.toString(settings.duration(Setting.BROKER_SESSION_TIMEOUT).toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(settings.duration(Setting.BROKER_HEARTBEAT_INTERVAL).toMillis()));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.integer(Setting.BROKER_MAX_POLL_RECORDS)));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                Long.toString(Math.max(1, settings.duration(Setting.BROKER_MAX_POLL_INTERVAL).toMillis())));
        // An idle fetch waits at most this long at the broker; closing the consumer waits for it (stop time).
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        user(p, "consumer");
        String instance = settings.text(Setting.CONSUMER_GROUP_INSTANCE_ID).trim();
        if (!instance.isEmpty()) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        }
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, FaustAssignor.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        isolation(p);
        return p;
    }

    /**
     * The changelog reader's consumer: no group, assigned partitions, from the earliest offset.
     *
     * @param clientId client id
     * @return the configs
     */
    public Map<String, Object> changelogConsumer(String clientId) {
        Map<String, Object> p = common(clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        user(p, "consumer");
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        isolation(p);
        return p;
    }

    /**
     * The reply consumer's: no group, assigned the reply topic's one partition, read from its end.
     *
     * @param clientId client id
     * @return the configs
     */
    public Map<String, Object> replyConsumer(String clientId) {
        Map<String, Object> p = common(clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // An idle fetch waits at most this long at the broker; closing the consumer waits for it.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        user(p, "consumer"); // security and pass-through properties, as every client of the worker
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        isolation(p); // exactly-once: a reply counts once the replying agent's transaction committed
        return p;
    }

    /**
     * A standalone producer ({@code faust send}, an app's producer outside a worker): a send fails after
     * {@code broker_connect_timeout} (at least 10 s) when the broker does not answer.
     *
     * @param clientId client id
     * @return the configs
     */
    public Map<String, Object> producer(String clientId) {
        return producer(clientId, true);
    }

    /**
     * A producer: acks=all, idempotent, {@code producer_linger}. The worker's own producer rides out a broker
     * outage: a send waits for the broker's metadata as long as a record may take to be delivered
     * ({@code delivery.timeout.ms}, 2 min by default) instead of failing the worker after 10 s.
     *
     * @param clientId client id
     * @param standalone true for a producer outside a worker
     * @return the configs
     */
    public Map<String, Object> producer(String clientId, boolean standalone) {
        Map<String, Object> p = common(clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.duration(Setting.PRODUCER_LINGER).toMillis()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        long connect = Math.max(10_000, settings.duration(Setting.BROKER_CONNECT_TIMEOUT).toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(standalone ? connect : Math.max(connect, 120_000)));
        user(p, "producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    /**
     * The worker's producer under exactly-once: a producer ({@link #producer}) with a transactional id, and the
     * transaction timeout of Kafka Streams' exactly-once (10 s: a worker that died with a transaction open holds
     * its partitions' offsets at most that long, unless it comes back first and aborts it at once).
     *
     * @param clientId client id
     * @param transactionalId the worker's transactional id
     * @return the configs
     */
    public Map<String, Object> transactionalProducer(String clientId, String transactionalId) {
        Map<String, Object> p = producer(clientId, false);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
        return p;
    }

    /** Exactly-once: consumers see only committed records (inputs, repartition topics, changelogs). */
    private void isolation(Map<String, Object> p) {
        if (Guarantee.exactlyOnce(settings)) {
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
    }

    /**
     * The admin client: short request timeouts, so that a broker that does not answer is reported quickly.
     *
     * @param clientId client id
     * @return the configs
     */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> p = common(clientId);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return user(p, "admin");
    }
}
