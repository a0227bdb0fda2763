package faust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Setting;
import faust.StopMode;
import faust.TopicPartition;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static membership ({@code consumer_group_instance_id}, issue 16): a worker restarted within the session
 * timeout gets its partitions back and the other worker of the group sees no rebalance at all.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StaticMembershipIT {
    private static final int PARTITIONS = 4;

    @TempDir
    Path tmp;

    private static App app(String id, List<String> events) {
        App app = App.create(id);
        app.agent(app.topic(id + "-in"), stream -> {
            for (Object ignored : stream) {
                // nothing: the test watches the group
            }
        });
        app.onPartitionsRevoked(p -> events.add("revoked " + p));
        app.onPartitionsAssigned(p -> events.add("assigned " + p));
        return app;
    }

    private static Map<Setting, String> settings(String instance) {
        return Map.of(Setting.CONSUMER_GROUP_INSTANCE_ID, instance,
                Setting.BROKER_SESSION_TIMEOUT, "30",
                Setting.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
    }

    @Test
    void aWorkerRestartedWithinTheSessionTimeoutMovesNoPartitions() throws Exception {
        String id = EmbeddedKafka.uniqueName("static");
        Kafka.createTopic(id + "-in", PARTITIONS);
        List<String> eventsA = new CopyOnWriteArrayList<>();
        List<String> eventsB = new CopyOnWriteArrayList<>();
        Worker a = Workers.start(app(id, eventsA), tmp.resolve("a"), settings("worker-a"));
        Worker b = Workers.start(app(id, eventsB), tmp.resolve("b"), settings("worker-b"));
        Worker again = null;
        try {
            await("both workers share the partitions").atMost(Duration.ofSeconds(60))
                    .until(() -> a.assignment().size() == PARTITIONS / 2 && b.assignment().size() == PARTITIONS / 2);
            Set<TopicPartition> ofA = new HashSet<>(a.assignment());
            Set<TopicPartition> ofB = new HashSet<>(b.assignment());
            int bEventsBefore = eventsB.size();

            assertThat(Workers.stop(a, StopMode.WARM)).isZero();
            // the group still counts worker-a as a member until its session times out: b keeps its partitions
            // and a's stay unowned for the moment
            await("b keeps its partitions while a is away").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5)).until(() -> b.assignment().equals(ofB));

            List<String> eventsAgain = new CopyOnWriteArrayList<>();
            long t0 = System.nanoTime();
            again = Workers.start(app(id, eventsAgain), tmp.resolve("a"), settings("worker-a"));
            Worker restarted = again;
            await("the restarted worker has its partitions back").atMost(Duration.ofSeconds(60))
                    .until(() -> restarted.assignment().equals(ofA));
            long backMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // a rebalance the restart started would show on b within these seconds
            await("b keeps its partitions after a came back").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).until(() -> b.assignment().equals(ofB));
            assertThat(eventsB.subList(bEventsBefore, eventsB.size()))
                    .as("b saw no rebalance (no partitions revoked or assigned) while a restarted").isEmpty();
            assertThat(backMs).as("a restarted worker gets its partitions without waiting for the session timeout")
                    .isLessThan(25_000);
            System.out.println("static member back with its partitions " + ofA + " after " + backMs + " ms");
        } finally {
            if (again != null) {
                Workers.stop(again, StopMode.WARM);
            } else if (a.state() != WorkerState.STOPPED) {
                Workers.stop(a, StopMode.WARM);
            }
            Workers.stop(b, StopMode.WARM);
        }
    }
}
