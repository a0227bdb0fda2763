package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TERM while the worker processes slow events: it stops fetching, finishes the events in flight (and only
 * those), commits exactly them, terminates the subprocesses its agent started and exits 0; a restart
 * processes the rest, none twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WarmShutdownIT extends E2eTest {
    @Test
    void termFinishesTheEventsInFlightCommitsExactlyThemAndARestartRedoesNone() {
        Map<String, String> slow = Map.of("E2E_SLEEP_MS", "400", "E2E_CONCURRENCY", "2");
        Launched w = start(worker("worker1", slow)).awaitReady();
        List<Map.Entry<Integer, String>> values = new ArrayList<>();
        values.add(Map.entry(0, "spawn"));
        values.addAll(events(40));
        List<E2eApp.Done> sent = Kafka.send(topic, values);

        await("some events done, two in flight").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.spawned(w).size() == 2 && E2eApp.done(w).size() >= 4
                        && E2eApp.begun(w).size() - E2eApp.done(w).size() == 2);
        List<Long> spawned = E2eApp.spawned(w);
        assertThat(spawned).as("the agent's subprocesses").hasSize(2);
        assertThat(spawned).allMatch(E2eTest::running);
        long t0 = System.nanoTime();
        w.signal("TERM");
        int status = w.awaitExit(Duration.ofSeconds(60));
        figure("TERM to exit (2 events of 400 ms in flight)", msSince(t0), "ms");

        assertThat(status).as(w.output()).isZero();
        List<E2eApp.Done> begun = E2eApp.begun(w);
        List<E2eApp.Done> done = E2eApp.done(w);
        assertThat(keys(done)).as("every event begun was finished").isEqualTo(keys(begun));
        assertThat(done).as("none twice").hasSize(keys(done).size());
        assertThat(done.size()).as("it stopped fetching: not everything was processed").isLessThan(sent.size());
        Map<Integer, Long> committed = Kafka.committed(appId, topic);
        Map<Integer, Long> finished = new TreeMap<>();
        E2eApp.byPartition(done).forEach((p, offsets) -> {
            assertThat(offsets).as("partition %d: done from its start, without gaps", p)
                    .containsExactlyElementsOf(range(0, offsets.size()));
            finished.put(p, (long) offsets.size());
        });
        committed.values().removeIf(offset -> offset == 0); // partitions it had but processed nothing of
        assertThat(committed).as("committed offsets = the events finished").isEqualTo(finished);
        assertGone("the agent's subprocesses (child and double-forked) after TERM", spawned);

        Launched again = start(worker("worker1-again", dir.resolve("worker1-data"), Map.of())).awaitReady();
        await("the rest processed after the restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> done.size() + E2eApp.done(again).size() >= sent.size());
        again.signal("TERM");
        assertThat(again.awaitExit(Duration.ofSeconds(60))).as(again.output()).isZero();
        List<E2eApp.Done> done2 = E2eApp.done(again);
        assertThat(keys(done2)).as("no event processed twice").doesNotContainAnyElementsOf(keys(done));
        assertThat(done.size() + done2.size()).as("no event processed twice").isEqualTo(sent.size());
        Set<String> all = new HashSet<>(keys(done));
        all.addAll(keys(done2));
        assertThat(all).as("none lost").isEqualTo(keys(sent));
        Map<Integer, Long> ends = new TreeMap<>();
        E2eApp.byPartition(sent).forEach((p, offsets) -> ends.put(p, offsets.last() + 1));
        assertThat(Kafka.committed(appId, topic)).isEqualTo(ends);
    }

    static TreeSet<Long> range(long from, long to) {
        TreeSet<Long> s = new TreeSet<>();
        for (long i = from; i < to; i++) {
            s.add(i);
        }
        return s;
    }
}
