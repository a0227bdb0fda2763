package faust.worker.internal;

import faust.App;
import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.agents.internal.ErrorPolicy;
import faust.transport.internal.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that the broker answers (a one-line error within {@code broker_connect_timeout} when it does not) and
 * creates the topics the app owns that are known before its agents run (agents' topics, the dead-letter topic,
 * the leader topic) when they are missing. Keeps its admin client for the topics known later: the tables'
 * changelogs (planned once the agents built their streams) and the topics agents' streams declare
 * ({@code groupBy}, {@code through}). Closes it when the worker stops.
 */
public final class TopicsService implements Service {
    private final App app;
    private final Settings settings;
    private final Collaborators collaborators;
    private final ErrorPolicy policy;
    private volatile TopicAdmin admin;
    private final String leaderTopic;

    /**
     * @param app the app
     * @param settings resolved settings
     * @param collaborators makes the admin client
     * @param policy the error policy (its dead-letter topic)
     * @param leaderTopic the leader topic to create (1 partition), or null
     */
    public TopicsService(App app, Settings settings, Collaborators collaborators, ErrorPolicy policy,
                         String leaderTopic) {
        this.leaderTopic = leaderTopic;
        this.app = app;
        this.settings = settings;
        this.collaborators = collaborators;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public void start() {
        TopicAdmin a = TopicAdmin.create(collaborators.clients(), settings, collaborators.clock());
        try {
            a.checkBrokerAnswers(settings.duration(Setting.BROKER_CONNECT_TIMEOUT), settings.sourceOf(Setting.BROKER));
            List<TopicAdmin.Spec> specs = new ArrayList<>(Topics.wanted(app, settings, policy));
            if (leaderTopic != null) {
                specs.add(new TopicAdmin.Spec(leaderTopic, 1, (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR),
                        Map.of()));
            }
            a.ensure(specs, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        admin = a;
    }

    /**
     * @return the admin client, while the worker runs
     * @throws FaustException when the service is not started (or stopped)
     */
    public TopicAdmin admin() {
        TopicAdmin a = admin;
        if (a == null) {
            throw new FaustException("the worker's admin client is not open (the worker is not running)");
        }
        return a;
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        TopicAdmin a = admin;
        admin = null;
        if (a != null) {
            a.close();
        }
        return true;
    }
}
