package faust.worker.internal;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.agents.internal.ErrorPolicy;
import faust.transport.internal.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the broker answers (a one-line error within {@code broker_connect_timeout} when it does not),
 * works out the tables' partitions, and creates the topics the app owns (agents' topics, changelogs, the
 * dead-letter topic, the leader topic) when they are missing. Nothing to stop.
 */
public final class TopicsService implements Service {
    private final App app;
    private final Settings settings;
    private final Collaborators collaborators;
    private final WorkerTables tables;
    private final ErrorPolicy policy;
    private final String leaderTopic;

    /**
     * @param app the app
     * @param settings resolved settings
     * @param collaborators makes the admin client
     * @param tables the tables (their changelogs and partition counts)
     * @param policy the error policy (its dead-letter topic)
     * @param leaderTopic the leader topic to create (1 partition), or null
     */
    public TopicsService(App app, Settings settings, Collaborators collaborators, WorkerTables tables,
                         ErrorPolicy policy, String leaderTopic) {
        this.leaderTopic = leaderTopic;
        this.app = app;
        this.settings = settings;
        this.collaborators = collaborators;
        this.tables = tables;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public void start() {
        try (TopicAdmin admin = TopicAdmin.create(collaborators.clients(), settings, collaborators.clock())) {
            admin.checkBrokerAnswers(settings.duration(Setting.BROKER_CONNECT_TIMEOUT),
                    settings.sourceOf(Setting.BROKER));
            List<TopicAdmin.Spec> specs = new ArrayList<>(Topics.wanted(app, settings, policy));
            specs.addAll(tables.plan(admin));
            if (leaderTopic != null) {
                specs.add(new TopicAdmin.Spec(leaderTopic, 1, (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR),
                        java.util.Map.of()));
            }
            admin.ensure(specs, Duration.ofSeconds(60));
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        return true;
    }
}
