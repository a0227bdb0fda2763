package faust.worker.internal;

import faust.Setting;
import faust.Settings;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.StreamTopics;
import faust.internal.TopicImpl;
import faust.transport.internal.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of a topic an agent's stream declares ({@code groupBy}'s repartition topic, a
 * {@code through} topic), on the agent's thread: created when missing ({@code topic_partitions}, like Faust's
 * internal topics), checked against the tables when they are planned already, and subscribed to by the
 * consumer when it runs already (otherwise it subscribes to it when it starts).
 */
public final class DeclaredTopics implements StreamTopics.Declarer {
    private static final Logger LOG = LoggerFactory.getLogger(DeclaredTopics.class);
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final TopicsService topics;
    private final WorkerTables tables;
    private final Runnable subscribe;

    /**
     * @param settings resolved settings
     * @param topics the admin client's owner
     * @param tables checks co-partitioning
     * @param subscribe tells the consumer that topics changed
     */
    DeclaredTopics(Settings settings, TopicsService topics, WorkerTables tables, Runnable subscribe) {
        this.settings = settings;
        this.topics = topics;
        this.tables = tables;
        this.subscribe = subscribe;
    }

    /**
     * Makes the worker the declarer of every agent's stream topics.
     *
     * @param runners the agents
     * @param settings resolved settings
     * @param topics the admin client's owner
     * @param tables checks co-partitioning
     * @param subscribe tells the consumer that topics changed
     */
    public static void wire(List<AgentRunner<?, ?>> runners, Settings settings, TopicsService topics,
                            WorkerTables tables, Runnable subscribe) {
        DeclaredTopics d = new DeclaredTopics(settings, topics, tables, subscribe);
        runners.forEach(r -> r.topics().declarer(d));
    }

    @Override
    public void declare(TopicImpl<?, ?> topic) {
        int wanted = topic.partitions() != null ? topic.partitions() : settings.integer(Setting.TOPIC_PARTITIONS);
        TopicAdmin admin = topics.admin();
        short replicas = topic.replicas() != null ? topic.replicas()
                : (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR);
        List<String> created = admin.ensure(List.of(new TopicAdmin.Spec(topic.name(), wanted, replicas,
                topic.config())), CREATE_TIMEOUT);
        int count = created.contains(topic.name()) ? wanted
                : admin.partitionCounts(Set.of(topic.name())).getOrDefault(topic.name(), wanted);
        tables.declared(topic.name(), count);
        LOG.info("an agent's stream reads topic {} ({} partitions)", topic.name(), count);
        subscribe.run();
    }
}
