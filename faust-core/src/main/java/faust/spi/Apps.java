package faust.spi;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.internal.AppAccess;
import faust.internal.Transport;
import faust.transport.internal.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the command line (and harnesses that run apps the way it does: tests, benchmarks) needs of an app
 * beyond its public API: settings from CLI flags, a standalone producer, creating a topic.
 */
public final class Apps {
    private Apps() {
    }

    /**
     * Applies the environment and CLI flags over the settings from app code (precedence: flag > environment >
     * app code > default), as {@code faust} does before it runs a command.
     *
     * @param app the app
     * @param env the environment ({@code FAUST_*} variables are read)
     * @param flags values of CLI flags, each with the flag that gave it (named in error messages)
     * @return the settings now in force
     * @throws faust.ConfigException naming the first bad value and where it came from
     */
    public static Settings configure(App app, Map<String, String> env, Map<Setting, Settings.Flag> flags) {
        return AppAccess.get().configure(app, env, flags);
    }

    /**
     * A Kafka producer of its own (acks=all, idempotent), for {@code faust send}.
     *
     * @param settings resolved settings
     * @param clientId client id prefix
     * @return the producer; close it
     */
    public static RecordSender standaloneSender(Settings settings, String clientId) {
        return Senders.toSpi(Transport.get().standaloneSender(settings, clientId));
    }

    /**
     * Fails in one line when the brokers do not answer the clients the worker would use, with their TLS/SASL
     * settings, within {@code timeout} (an Admin describeCluster; an untrusted certificate or a wrong password
     * is named as such).
     *
     * @param settings resolved settings
     * @param timeout how long to wait
     * @throws faust.FaustException naming the broker or the failed authentication
     */
    public static void checkBroker(Settings settings, Duration timeout) {
        try (TopicAdmin admin = TopicAdmin.create(settings)) {
            admin.checkBrokerAnswers(timeout, settings.sourceOf(Setting.BROKER));
        }
    }

    /**
     * Creates a topic when it is missing, and waits until its partitions answer (as the worker creates the
     * topics an app owns).
     *
     * @param settings resolved settings (broker)
     * @param name topic name
     * @param partitions partitions
     * @param timeout how long creating and waiting may take
     * @throws faust.FaustException when it cannot be created in time
     */
    public static void createTopic(Settings settings, String name, int partitions, Duration timeout) {
        short replicas = (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR);
        try (TopicAdmin admin = TopicAdmin.create(settings)) {
            admin.ensure(List.of(new TopicAdmin.Spec(name, partitions, replicas, Map.of())), timeout);
        }
    }
}
