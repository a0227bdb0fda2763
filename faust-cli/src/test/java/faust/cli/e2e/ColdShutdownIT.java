package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * USR1 prints the stacks of the agents (named after them) and the worker goes on; QUIT stops it cold within
 * a few seconds with status 3, committing only events that were finished, and a restart loses nothing.
 * The worker is started with INT and QUIT ignored, as {@code faust ... &} in a script starts it: the
 * launcher still honours QUIT.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ColdShutdownIT extends E2eTest {
    @Test
    void usr1DumpsTheAgentsAndQuitStopsColdLosingNothing() {
        Map<String, String> slow = Map.of("E2E_SLEEP_MS", "1500", "E2E_CONCURRENCY", "2");
        Launched.Spec spec = worker("worker1", slow);
        Launched w = start(new Launched.Spec(spec.name(), spec.workdir(), spec.env(), spec.args(), true))
                .awaitReady();
        List<Map.Entry<Integer, String>> values = new ArrayList<>();
        values.add(Map.entry(0, "spawn"));
        values.addAll(events(20));
        List<E2eApp.Done> sent = Kafka.send(topic, values);
        await("events in flight").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.spawned(w).size() == 2 && E2eApp.done(w).size() >= 1
                        && E2eApp.begun(w).size() - E2eApp.done(w).size() == 2);
        List<Long> spawned = E2eApp.spawned(w);

        int doneBefore = E2eApp.done(w).size();
        w.signal("USR1");
        await("a thread dump on stderr").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> w.err().contains("\"agent-process-1\" virtual"));
        String err = w.err();
        assertThat(err).contains("\"agent-process-0\" virtual").contains("(processing " + topic + "-")
                .contains("e2eapp.sleep(").contains("\"main\"");
        await("processing goes on after USR1").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.done(w).size() > doneBefore + 2
                        && E2eApp.begun(w).size() - E2eApp.done(w).size() == 2);
        assertThat(w.process.isAlive()).isTrue();

        long t0 = System.nanoTime();
        w.signal("QUIT");
        int status = w.awaitExit(Duration.ofSeconds(10));
        long quitMs = msSince(t0);
        figure("QUIT to exit (2 events of 1500 ms in flight)", quitMs, "ms");
        assertThat(status).as(w.output()).isEqualTo(3);
        assertThat(quitMs).as("a cold shutdown does not wait for the events in flight").isLessThan(5000);
        assertThat(w.err()).contains("cold shutdown");
        List<E2eApp.Done> done = E2eApp.done(w);
        assertThat(keys(E2eApp.begun(w))).as("events were cut short").hasSizeGreaterThan(done.size());
        Map<Integer, Long> committed = Kafka.committed(appId, topic);
        Map<Integer, TreeSet<Long>> byDone = E2eApp.byPartition(done);
        committed.forEach((p, c) -> assertThat(byDone.getOrDefault(p, new TreeSet<>()))
                .as("partition %d: everything committed was finished", p).containsAll(WarmShutdownIT.range(0, c)));
        assertGone("the agent's subprocesses after QUIT", spawned);

        Launched again = start(worker("worker1-again", dir.resolve("worker1-data"), Map.of())).awaitReady();
        await("the rest processed after the restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> keys(E2eApp.done(again)).size() + committed.values().stream()
                        .mapToLong(Long::longValue).sum() >= sent.size());
        again.signal("TERM");
        assertThat(again.awaitExit(Duration.ofSeconds(60))).as(again.output()).isZero();
        Map<Integer, TreeSet<Long>> byAgain = E2eApp.byPartition(E2eApp.done(again));
        E2eApp.byPartition(sent).forEach((p, offsets) -> assertThat(byAgain.getOrDefault(p, new TreeSet<>()))
                .as("partition %d: the restart did exactly what was not committed", p)
                .containsExactlyElementsOf(WarmShutdownIT.range(committed.getOrDefault(p, 0L), offsets.last() + 1)));
    }
}
