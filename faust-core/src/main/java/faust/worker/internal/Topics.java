package faust.worker.internal;

import faust.Agent;
import faust.App;
import faust.Setting;
import faust.Settings;
import faust.Topic;
import faust.agents.internal.ErrorPolicy;
import faust.transport.internal.TopicAdmin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which topics the worker creates when missing: agents' topics (not those of a topic pattern), every topic declared
 * {@code internal(true)} (also those the app only sends to: else the broker would auto-create them with its own
 * partition count on the first send), and the dead-letter topic. (The reply topic of asks is created by the reply
 * consumer.)
 */
public final class Topics {
    private Topics() {
    }

    /**
     * @param app the app
     * @param settings resolved settings
     * @param policy the error policy (its dead-letter topic)
     * @return the topics to create when missing
     */
    public static List<TopicAdmin.Spec> wanted(App app, Settings settings, ErrorPolicy policy) {
        int partitions = settings.integer(Setting.TOPIC_PARTITIONS);
        short replicas = (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR);
        Map<String, TopicAdmin.Spec> specs = new LinkedHashMap<>();
        for (Agent<?, ?> a : app.agents()) {
            for (Topic<?, ?> t : a.topics()) {
                if (t.pattern() == null) { // the topics a pattern stands for are not the app's to create
                    add(specs, t, partitions, replicas);
                }
            }
        }
        for (Topic<?, ?> t : app.topics()) {
            if (t.internal()) {
                add(specs, t, partitions, replicas);
            }
        }
        if (policy.kind() == ErrorPolicy.Kind.DEAD_LETTER && !app.agents().isEmpty()) {
            specs.putIfAbsent(policy.deadLetterTopic(), new TopicAdmin.Spec(policy.deadLetterTopic(), 1, replicas,
                    Map.of()));
        }
        return new ArrayList<>(specs.values());
    }

    private static void add(Map<String, TopicAdmin.Spec> specs, Topic<?, ?> t, int partitions, short replicas) {
        int p = t.partitions() != null ? t.partitions() : partitions;
        short r = t.replicas() != null ? t.replicas() : replicas;
        specs.putIfAbsent(t.name(), new TopicAdmin.Spec(t.name(), p, r, t.config()));
    }
}
