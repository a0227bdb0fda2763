package faust.transport.internal;

import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.internal.Clock;
import faust.internal.PendingReplies;
import faust.internal.Replies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the replies to this process's asks: the reply topic ({@code f-reply-<uuid4>}, created here before the
 * first ask with 1 partition, {@code cleanup.policy=delete} and {@code retention.ms} = {@code reply_expires}, as
 * Python Faust declares it) is read from its end by a consumer of its own, outside any group, on thread
 * {@code faust-replies}; each reply completes its request, and requests whose time ran out fail. One per worker
 * (started on the first ask), or one per app outside a worker (client mode).
 */
public final class ReplyConsumer implements Replies {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration READY = Duration.ofSeconds(30);

    private final String topic;
    private final PendingReplies pending;
    private final Consumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    private ReplyConsumer(String topic, Consumer<byte[], byte[]> consumer, Clock clock) {
        this.topic = topic;
        this.consumer = consumer;
        this.pending = new PendingReplies(clock);
        this.thread = Thread.ofPlatform().name("faust-replies").daemon(true).unstarted(this::run);
    }

    /**
     * Creates the reply topic when missing, positions a consumer at its end and starts reading it.
     *
     * @param clients makes the admin client and the consumer
     * @param settings resolved settings ({@code reply_expires}, {@code topic_replication_factor})
     * @param topic the reply topic
     * @param clientId client id
     * @param clock deadlines of the requests
     * @return the running reader
     * @throws FaustException when the topic cannot be created or the broker does not answer
     */
    public static ReplyConsumer start(KafkaClients clients, Settings settings, String topic, String clientId,
                                      Clock clock) {
        try (TopicAdmin admin = TopicAdmin.create(clients, settings, clock)) {
            admin.ensure(List.of(new TopicAdmin.Spec(topic, 1, (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR),
                    Map.of("cleanup.policy", "delete",
                            "retention.ms", Long.toString(settings.duration(Setting.REPLY_EXPIRES).toMillis())))),
                    READY);
        }
        Consumer<byte[], byte[]> c = clients.consumer(new ClientConfigs(settings).replyConsumer(clientId));
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            c.assign(List.of(tp));
            c.seekToEnd(List.of(tp));
            // Resolve the end now: every reply to a request sent from here on is at or after it.
            long from = c.position(tp, READY);
            LOG.info("reading replies from {} (offset {})", topic, from);
        } catch (KafkaException e) {
            c.close(Duration.ZERO);
            throw new FaustException("could not read the reply topic " + topic + ": " + e.getMessage(), e);
        }
        ReplyConsumer r = new ReplyConsumer(topic, c, clock);
        r.thread.start();
        return r;
    }

    private void run() {
        try {
            while (!closed) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        pending.accept(r.value());
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (KafkaException e) {
                    LOG.error("reading replies from {} failed: {}; trying again", topic, e.getMessage());
                    pause();
                }
                pending.expire();
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.warn("closing the reply consumer: {}", e.getMessage());
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public PendingReplies pending() {
        return pending;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.wakeup();
        try {
            if (!thread.join(Duration.ofSeconds(10))) {
                LOG.warn("the reply consumer of {} did not stop within 10 s", topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.failAll("this process stopped reading replies (the worker or app was closed)");
    }
}
