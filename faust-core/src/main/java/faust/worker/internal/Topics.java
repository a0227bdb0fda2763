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

/** Which topics the worker creates when missing: agents' topics and the dead-letter topic. */
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
            Topic<?, ?> t = a.topic();
            int p = t.partitions() != null ? t.partitions() : partitions;
            short r = t.replicas() != null ? t.replicas() : replicas;
            specs.putIfAbsent(t.name(), new TopicAdmin.Spec(t.name(), p, r, t.config()));
        }
        if (policy.kind() == ErrorPolicy.Kind.DEAD_LETTER && !app.agents().isEmpty()) {
            specs.putIfAbsent(policy.deadLetterTopic(), new TopicAdmin.Spec(policy.deadLetterTopic(), 1, replicas,
                    Map.of()));
        }
        return new ArrayList<>(specs.values());
    }
}
