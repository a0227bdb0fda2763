package faust.transport.internal;

import faust.FaustException;
import faust.Settings;
import faust.internal.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the broker answers, and creates the topics the app owns. */
public final class TopicAdmin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private final Admin admin;
    private final String servers;
    private final Clock clock;
    private final Settings settings;

    /**
     * A topic to create when it is missing.
     *
     * @param name topic name
     * @param partitions partitions
     * @param replicas replication factor
     * @param config topic configs (e.g. cleanup.policy)
     */
    public record Spec(String name, int partitions, short replicas, Map<String, String> config) {
    }

    private TopicAdmin(Admin admin, String servers, Clock clock, Settings settings) {
        this.settings = settings;
        this.admin = admin;
        this.servers = servers;
        this.clock = clock;
    }

    /**
     * @param settings resolved settings
     * @return an admin client (not yet checked)
     */
    public static TopicAdmin create(Settings settings) {
        return create(KafkaClients.REAL, settings, Clock.SYSTEM);
    }

    /**
     * @param clients makes the admin client
     * @param settings resolved settings
     * @param clock for deadlines
     * @return an admin client (not yet checked)
     */
    public static TopicAdmin create(KafkaClients clients, Settings settings, Clock clock) {
        return new TopicAdmin(clients.admin(new ClientConfigs(settings).admin("faust-admin")),
                settings.bootstrapServers(), clock, settings);
    }

    /**
     * Fails within {@code timeout} when no broker answers.
     *
     * @param timeout how long to wait
     * @param configuredBy where the broker setting came from, for the message
     * @throws FaustException one line naming the broker and how to point at another or start one
     */
    public void checkBrokerAnswers(Duration timeout, String configuredBy) {
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            String security = BrokerErrors.describe(e, settings, servers);
            if (security != null) {
                throw new FaustException(security);
            }
            throw new FaustException("no Kafka broker answered at " + servers + " within " + timeout.toSeconds()
                    + " s (broker set by " + configuredBy + "): start one with 'faust broker start', or point"
                    + " --broker / FAUST_BROKER_URL at a running broker"
                    + (settings.secured() ? "; check that the broker's listener there speaks "
                    + settings.kafkaConfig().get("security.protocol") : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while waiting for the broker at " + servers);
        }
    }

    /**
     * @param pattern a topic pattern
     * @return names of the existing topics whose whole name matches it
     */
    public Set<String> matching(java.util.regex.Pattern pattern) {
        try {
            Set<String> out = new java.util.TreeSet<>();
            for (String n : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (pattern.matcher(n).matches()) {
                    out.add(n);
                }
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new FaustException("could not list topics on " + servers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while listing topics");
        }
    }

    /**
     * @param names topic names
     * @return partition counts of those that exist
     */
    public Map<String, Integer> partitionCounts(Set<String> names) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = names.stream().filter(existing::contains).toList();
            Map<String, Integer> out = new HashMap<>();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> d = admin.describeTopics(present).allTopicNames()
                        .get(30, TimeUnit.SECONDS);
                d.forEach((n, td) -> out.put(n, td.partitions().size()));
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new FaustException("could not list topics on " + servers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while listing topics");
        }
    }

    /**
     * Creates the missing topics and waits until every partition of each answers a ListOffsets request,
     * so that nothing is written to a topic whose leaders are not settled (KAFKA-15591).
     *
     * @param specs topics wanted
     * @param timeout how long creating and waiting may take
     * @return names of the topics created
     */
    public List<String> ensure(List<Spec> specs, Duration timeout) {
        long deadline = clock.nanoTime() + timeout.toNanos();
        Map<String, Integer> existing = partitionCounts(
                specs.stream().map(Spec::name).collect(java.util.stream.Collectors.toSet()));
        List<NewTopic> create = new ArrayList<>();
        for (Spec s : specs) {
            if (!existing.containsKey(s.name())) {
                create.add(new NewTopic(s.name(), s.partitions(), s.replicas()).configs(s.config()));
            }
        }
        List<String> created = new ArrayList<>();
        if (!create.isEmpty()) {
            var result = admin.createTopics(create);
            for (NewTopic t : create) {
                try {
                    result.values().get(t.name()).get(left(deadline), TimeUnit.NANOSECONDS);
                    created.add(t.name());
                    LOG.info("created topic {} ({} partitions, replication factor {}{})", t.name(),
                            t.numPartitions(), t.replicationFactor(),
                            t.configs() == null || t.configs().isEmpty() ? "" : ", " + t.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new FaustException("could not create topic " + t.name() + ": "
                                + e.getCause().getMessage() + " (create it yourself, or check the broker's"
                                + " topic creation policy and topic_replication_factor)", e);
                    }
                } catch (TimeoutException e) {
                    throw new FaustException("creating topic " + t.name() + " did not finish within "
                            + timeout.toSeconds() + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FaustException("interrupted while creating topic " + t.name());
                }
            }
            awaitPartitionsReady(create, deadline);
        }
        return created;
    }

    private void awaitPartitionsReady(List<NewTopic> topics, long deadline) {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (NewTopic t : topics) {
            for (int p = 0; p < t.numPartitions(); p++) {
                query.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
            }
        }
        Exception last = null;
        while (clock.nanoTime() < deadline) {
            try {
                admin.listOffsets(query).all().get(Math.min(left(deadline), TimeUnit.SECONDS.toNanos(5)),
                        TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = e;
                sleepQuietly(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaustException("interrupted while waiting for new topics to be ready");
            }
        }
        throw new FaustException("new topics " + topics.stream().map(NewTopic::name).toList()
                + " did not become ready (ListOffsets on every partition): "
                + (last == null ? "timed out" : last.getMessage()));
    }

    private long left(long deadline) {
        return Math.max(1, deadline - clock.nanoTime());
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
