package faust.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.agents.internal.ErrorPolicy;
import faust.transport.internal.TopicAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topics a worker creates when they are missing. */
class TopicsTest {
    @Test
    void everyInternalTopicIsCreatedAlsoOneTheAppOnlySendsTo() {
        App app = App.create("t");
        app.topic("replies", String.class, String.class, t -> t.internal(true).partitions(3).replicas(1));
        app.topic("external-out", String.class, String.class); // not the app's: never created
        app.agent("process", (faust.AgentFunction<byte[], Object>) s -> { });
        ErrorPolicy policy = new ErrorPolicy(ErrorPolicy.Kind.DEAD_LETTER, (topic, k, v, h) -> { }, "t-__dead-letter",
                reason -> { });
        List<TopicAdmin.Spec> specs = Topics.wanted(app, app.settings(), policy);
        assertThat(specs).extracting(TopicAdmin.Spec::name)
                .containsExactly("t-process", "replies", "t-__dead-letter");
        assertThat(specs.get(0).partitions()).isEqualTo(8);
        assertThat(specs.get(1)).isEqualTo(new TopicAdmin.Spec("replies", 3, (short) 1, Map.of()));
    }
}
