package faust.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Event;
import faust.SetTable;
import faust.StopMode;
import faust.Topic;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.ExitCodes;
import faust.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faust's set-table example (faust-wire/04) on a worker: an agent adds and discards tags, the manager topic
 * changes them from outside, the changelog holds Faust's operations, and a restarted worker recovers the sets.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SetTablesIT {
    @TempDir
    Path tmp;

    private record Tags(App app, SetTable<String, String> tags, Topic<String, String> events) {
    }

    private static Tags tagsApp(String id) {
        App app = App.create(id);
        SetTable<String, String> tags = app.setTable("tags", String.class, String.class).startManager();
        Topic<String, String> events = app.topic(id + "-tag-events", String.class, String.class);
        app.agent(events, stream -> {
            for (Event<String, String> e : stream.events()) {
                if (e.value().startsWith("-")) {
                    tags.discard(e.key(), e.value().substring(1));
                } else {
                    tags.add(e.key(), e.value());
                }
            }
        });
        return new Tags(app, tags, events);
    }

    @Test
    void setsFromAgentsAndTheManagerAreChangeloggedAsFaustAndRecovered() throws Exception {
        String id = EmbeddedKafka.uniqueName("sets");
        Kafka.createTopic(id + "-tag-events", 2);
        Tags first = tagsApp(id);
        Worker w = Workers.start(first.app(), tmp.resolve("w"), Map.of());
        try {
            for (String tag : List.of("red", "blue", "-red")) {
                first.events().send("alice", tag).get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.tags().local().getOrDefault("alice", Set.of()).equals(Set.of("blue")));
            first.tags().manager().add("bob", new java.util.LinkedHashSet<>(List.of("green", "grey"))).get(10, TimeUnit.SECONDS);
            first.tags().manager().discard("bob", Set.of("green")).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.tags().local().getOrDefault("bob", Set.of()).equals(Set.of("grey")));
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
        List<ConsumerRecord<byte[], byte[]>> manager = Kafka.readAll("tags-setmanager", 2, Duration.ofSeconds(20));
        assertThat(new String(manager.get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"action\":\"ADD\",\"members\":[\"green\",\"grey\"],\"__faust\":{\"ns\":\"@SetManagerOperation\"}}");
        List<String> changelog = Kafka.readAll(id + "-tags-changelog", 2, Duration.ofSeconds(20)).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        assertThat(changelog).allMatch(k -> k.matches("\\[(1|2|15),\"(alice|bob)\"]"));

        Tags again = tagsApp(id); // a fresh datadir: everything comes from the changelog
        Worker w2 = Workers.start(again.app(), tmp.resolve("w2"), Map.of());
        try {
            assertThat(again.tags().local()).containsOnly(Map.entry("alice", Set.of("blue")),
                    Map.entry("bob", Set.of("grey")));
            assertThat(again.tags().contains("bob", "grey")).isTrue();
        } finally {
            assertThat(Workers.stop(w2, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
    }
}
