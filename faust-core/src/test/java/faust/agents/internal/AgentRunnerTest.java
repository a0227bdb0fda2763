package faust.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import faust.Agent;
import faust.App;
import faust.ConfigException;
import faust.Event;
import faust.TopicPartition;
import faust.internal.AgentImpl;
import faust.internal.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Isolated partitions: one instance per assigned partition, started on assign, ended on revoke. */
class AgentRunnerTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ErrorPolicy policy = new ErrorPolicy(ErrorPolicy.Kind.SKIP, (t, k, v, h) -> { }, "dl", r -> { });

    private AgentRunner<byte[], Object> isolatedRunner() {
        App app = App.create("iso");
        Agent<byte[], Object> agent = app.agent(app.topic("t"), stream -> {
            String me = Thread.currentThread().getName();
            log.add("start " + me);
            for (Event<byte[], Object> e : stream.events()) {
                log.add(me + " " + e.partition() + "@" + e.offset());
            }
            log.add("end " + me);
        }, o -> o.isolatedPartitions(true));
        return new AgentRunner<>((AgentImpl<byte[], Object>) agent, 100, policy, Clock.SYSTEM);
    }

    private static List<Delivery<?, ?>> events(PartitionTracker t, long... offsets) {
        List<Delivery<?, ?>> out = new ArrayList<>();
        for (long o : offsets) {
            out.add(new Delivery<>(t, o, 0L, null, "v", null, null, Map.of(), 1));
        }
        t.delivered(offsets, offsets.length);
        return out;
    }

    @Test
    void eachAssignedPartitionGetsAnInstanceOfItsOwnThatEndsWhenItIsRevoked() throws Exception {
        AgentRunner<byte[], Object> runner = isolatedRunner();
        runner.start();
        assertThat(runner.instances()).isEmpty();

        runner.assigned(List.of(new TopicPartition("t", 0), new TopicPartition("t", 1), new TopicPartition("u", 0)));
        assertThat(runner.instances()).as("one per partition of its topic, none for others").hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> log.stream().filter(s -> s.startsWith("start")).count() == 2);
        assertThat(log).contains("start agent-t-t-0", "start agent-t-t-1");

        PartitionTracker p0 = new PartitionTracker("t", 0);
        PartitionTracker p1 = new PartitionTracker("t", 1);
        List<Delivery<?, ?>> batch = new ArrayList<>(events(p0, 0, 1));
        batch.addAll(events(p1, 5));
        batch.addAll(events(p0, 2));
        runner.putAll(batch);
        await().atMost(Duration.ofSeconds(5)).until(() -> log.contains("agent-t-t-0 0@2") && log.contains("agent-t-t-1 1@5"));
        assertThat(log.stream().filter(s -> s.startsWith("agent-t-t-0")))
                .as("an instance sees its partition only, in order")
                .containsExactly("agent-t-t-0 0@0", "agent-t-t-0 0@1", "agent-t-t-0 0@2");

        p0.revoke();
        runner.revoked(List.of(new TopicPartition("t", 0)), Clock.SYSTEM.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        assertThat(log).as("its loop ended before revoked() returned").contains("end agent-t-t-0")
                .doesNotContain("end agent-t-t-1");
        assertThat(runner.instances()).hasSize(1);
        assertThat(p0.committable()).as("its events were finished and acked").isEqualTo(3);

        runner.assigned(List.of(new TopicPartition("t", 0)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log.stream().filter(s -> s.equals("start agent-t-t-0")).count() == 2);

        runner.close();
        assertThat(runner.await(Clock.SYSTEM.nanoTime() + TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(log.stream().filter(s -> s.startsWith("end"))).hasSize(3);
    }

    @Test
    void isolatedPartitionsWithConcurrencyAreRefused() {
        App app = App.create("iso2");
        assertThatThrownBy(() -> app.agent("a", stream -> { }, o -> o.isolatedPartitions(true).concurrency(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("isolatedPartitions and concurrency 2");
    }
}
