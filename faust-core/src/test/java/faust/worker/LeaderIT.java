package faust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Event;
import faust.Setting;
import faust.StopMode;
import faust.TopicPartition;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Leadership through the leader topic, onLeader schedules, and the lifecycle hooks, on the embedded broker. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LeaderIT {
    @TempDir
    Path tmp;

    /** An app without agents: only an onLeader timer, and a timer every worker runs. */
    private static App leaderOnly(String id, AtomicInteger leaderTicks, AtomicInteger everywhereTicks) {
        App app = App.create(id);
        app.timer(Duration.ofMillis(100), leaderTicks::incrementAndGet, o -> o.onLeader(true).name("leader-tick"));
        app.timer(Duration.ofMillis(100), everywhereTicks::incrementAndGet);
        return app;
    }

    @Test
    void anOnLeaderTimerRunsOnExactlyOneWorkerAndMovesWhenTheLeaderStops() throws Exception {
        String id = EmbeddedKafka.uniqueName("lead");
        AtomicInteger leaderA = new AtomicInteger();
        AtomicInteger leaderB = new AtomicInteger();
        AtomicInteger allA = new AtomicInteger();
        AtomicInteger allB = new AtomicInteger();
        App a = leaderOnly(id, leaderA, allA);
        App b = leaderOnly(id, leaderB, allB);
        Worker wa = Workers.start(a, tmp.resolve("a"), Map.of());
        Worker wb = Workers.start(b, tmp.resolve("b"), Map.of());
        Worker leader = null;
        Worker other = null;
        try {
            await("one leader").atMost(Duration.ofSeconds(60)).until(() -> wa.isLeader() ^ wb.isLeader());
            leader = wa.isLeader() ? wa : wb;
            other = leader == wa ? wb : wa;
            AtomicInteger leaderTicks = leader == wa ? leaderA : leaderB;
            AtomicInteger otherTicks = leader == wa ? leaderB : leaderA;
            assertThat(leader.app().isLeader()).isTrue();
            assertThat(other.app().isLeader()).isFalse();
            await("both tick").atMost(Duration.ofSeconds(30)).until(() -> allA.get() >= 5 && allB.get() >= 5);
            await("the leader ticks").atMost(Duration.ofSeconds(30)).until(() -> leaderTicks.get() >= 5);
            assertThat(otherTicks.get()).as("the other worker never ran the onLeader timer").isZero();
            assertThat(Kafka.partitions(id + "-__assignor-__leader")).as("the leader topic").isEqualTo(1);

            long t0 = System.nanoTime();
            assertThat(Workers.stop(leader, StopMode.WARM)).isZero();
            assertThat(leader.app().isLeader()).as("a stopped worker is nobody's leader").isFalse();
            Worker survivor = other;
            await("the other worker leads").atMost(Duration.ofSeconds(60)).until(survivor::isLeader);
            await("and runs the timer").atMost(Duration.ofSeconds(30)).until(() -> otherTicks.get() >= 3);
            System.out.println("leadership handover after a warm stop: "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        } finally {
            if (other != null) {
                Workers.stop(other, StopMode.WARM);
            } else {
                Workers.stop(wa, StopMode.WARM);
                Workers.stop(wb, StopMode.WARM);
            }
        }
    }

    @Test
    void withTopicDisableLeaderNoWorkerLeadsAndNoLeaderTopicIsMade() throws Exception {
        String id = EmbeddedKafka.uniqueName("nolead");
        String topic = id + "-in";
        Kafka.createTopic(topic, 2);
        AtomicInteger ticks = new AtomicInteger();
        App app = App.create(id);
        app.agent(app.topic(topic), stream -> stream.forEach(v -> { }));
        app.timer(Duration.ofMillis(50), ticks::incrementAndGet, o -> o.onLeader(true));
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.TOPIC_DISABLE_LEADER, "true"));
        try {
            assertThat(w.assignment()).hasSize(2);
            assertThat(w.isLeader()).isFalse();
            assertThat(Kafka.partitions(id + "-__assignor-__leader")).isNull();
        } finally {
            Workers.stop(w, StopMode.WARM);
        }
        assertThat(ticks.get()).isZero();
    }

    @Test
    void lifecycleHooksRunInOrderWithThePartitionsOfEachRebalance() throws Exception {
        String id = EmbeddedKafka.uniqueName("hooks");
        String topic = id + "-in";
        Kafka.createTopic(topic, 2);
        List<String> events = new CopyOnWriteArrayList<>();
        App app = App.create(id);
        app.agent(app.topic(topic), stream -> {
            for (Event<byte[], Object> e : stream.events()) {
                events.add("event " + e.value());
            }
        });
        app.onStartup(() -> events.add("startup"));
        app.onShutdown(() -> events.add("shutdown"));
        app.onRebalanceStart(() -> events.add("rebalance start"));
        app.onRebalanceComplete(() -> events.add("rebalance complete"));
        app.onPartitionsAssigned(tps -> events.add("assigned " + names(tps)));
        app.onPartitionsRevoked(tps -> events.add("revoked " + names(tps)));
        app.task(() -> events.add("task"));

        Worker w = Workers.start(app, tmp.resolve("w"), Map.of());
        await("ready hooks").atMost(Duration.ofSeconds(30))
                .until(() -> events.contains("rebalance complete") && events.contains("task"));
        Kafka.sendJsonStrings(topic, 0, List.of("x"));
        await("the event").atMost(Duration.ofSeconds(30)).until(() -> events.contains("event x"));
        assertThat(Workers.stop(w, StopMode.WARM)).isZero();

        String assigned = "assigned " + topic + "-0," + topic + "-1";
        String revoked = "revoked " + topic + "-0," + topic + "-1";
        assertThat(events.subList(0, 3)).containsExactly("startup", "rebalance start", assigned);
        assertThat(events.indexOf("rebalance complete")).isGreaterThan(events.indexOf(assigned));
        assertThat(events.indexOf("event x")).isGreaterThan(events.indexOf(assigned));
        assertThat(events.subList(events.size() - 2, events.size())).containsExactly(revoked, "shutdown");
    }

    private static String names(Set<TopicPartition> tps) {
        return String.join(",", tps.stream().map(TopicPartition::toString).sorted().toList());
    }
}
