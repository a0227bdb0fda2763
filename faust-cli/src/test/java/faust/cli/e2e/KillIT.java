package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KILL: of the launcher (the banner's pid, what a user or a service manager KILLs), the JVM notices and
 * halts at once without committing; of the JVM, the launcher kills what is left of its process group. Either
 * way no process of the worker survives, and the events it did not commit are redone, all of them and only
 * them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KillIT extends E2eTest {
    @Test
    void killOfTheLauncherMidBatchTheOtherWorkerRedoesExactlyTheUncommittedEvents() {
        // the KILLed worker does not leave the group: the other takes over after the session timeout
        Map<String, String> env = Map.of("E2E_SLEEP_MS", "100", "FAUST_BROKER_SESSION_TIMEOUT", "6");
        List<Launched> two = start(worker("worker1", env), worker("worker2", env));
        Launched w1 = two.get(0);
        Launched w2 = two.get(1);
        int port1 = w1.webPort();
        int port2 = w2.webPort();
        parallel(two, Launched::awaitReady);
        await("the partitions split").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !assignment(port1).isEmpty() && !assignment(port2).isEmpty()
                        && assignment(port1).size() + assignment(port2).size() == PARTITIONS);
        Set<Integer> of1 = assignment(port1);

        List<Map.Entry<Integer, String>> values = new ArrayList<>();
        values.add(Map.entry(of1.iterator().next(), "spawn"));
        values.addAll(events(80));
        List<E2eApp.Done> sent = Kafka.send(topic, values);
        int ofW1 = (int) sent.stream().filter(d -> of1.contains(d.partition())).count();
        await("worker1 mid-batch").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.spawned(w1).size() == 2 && E2eApp.done(w1).size() >= 8);
        List<Long> spawned = E2eApp.spawned(w1);
        ProcessHandle jvm = w1.jvm().orElseThrow();

        long t0 = System.nanoTime();
        w1.signal("KILL");
        await("worker1's JVM halted").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !running(jvm.pid()));
        figure("launcher KILLed to its JVM halted", msSince(t0), "ms");
        Map<Integer, Long> committed = Kafka.committed(appId, topic);
        assertThat(w1.awaitExit(Duration.ofSeconds(5))).isEqualTo(137);
        assertThat(E2eApp.done(w1).size()).as("KILLed mid-batch").isLessThan(ofW1);
        assertThat(w1.err()).contains("the launcher (pid " + w1.pid() + ") is gone");
        assertGone("worker1's subprocesses after KILL", spawned);

        await("worker2 took over").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> E2eApp.done(w2).stream().anyMatch(d -> of1.contains(d.partition())));
        figure("launcher KILLed to the other worker processing its partitions", msSince(t0), "ms");
        await("all events processed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> keys(union(E2eApp.done(w1), E2eApp.done(w2))).size() >= sent.size());
        w2.signal("TERM");
        assertThat(w2.awaitExit(Duration.ofSeconds(60))).as(w2.output()).isZero();

        List<E2eApp.Done> done1 = E2eApp.done(w1);
        List<E2eApp.Done> done2 = E2eApp.done(w2);
        assertThat(keys(union(done1, done2))).as("none lost").isEqualTo(keys(sent));
        assertThat(done2).as("worker2 did each event once").hasSize(keys(done2).size());
        Map<Integer, TreeSet<Long>> by1 = E2eApp.byPartition(done1);
        Map<Integer, TreeSet<Long>> by2 = E2eApp.byPartition(done2);
        Map<Integer, TreeSet<Long>> bySent = E2eApp.byPartition(sent);
        int redone = 0;
        for (int p : of1) {
            long c = committed.getOrDefault(p, 0L);
            long end = bySent.get(p).last() + 1;
            assertThat(by1.getOrDefault(p, new TreeSet<>())).as("worker1 did partition %d up to its commit", p)
                    .containsAll(WarmShutdownIT.range(0, c));
            assertThat(by2.getOrDefault(p, new TreeSet<>()))
                    .as("partition %d: worker2 redid exactly what worker1 had not committed", p)
                    .containsExactlyElementsOf(WarmShutdownIT.range(c, end));
            redone += (int) by1.getOrDefault(p, new TreeSet<>()).stream().filter(o -> o >= c).count();
        }
        figure("events done by the KILLed worker but not committed, redone", redone, "events");
    }

    @Test
    void killOfTheLauncherHaltsTheJvmWithoutCommittingAndARestartRedoesItsEvents() {
        // no periodic commit: offsets move only if the halt committed, which it must not; the KILLed worker
        // does not leave the group: the restarted one gets the partitions after the session timeout
        Map<String, String> env = Map.of("E2E_SLEEP_MS", "50", "FAUST_BROKER_COMMIT_INTERVAL", "600",
                "FAUST_BROKER_SESSION_TIMEOUT", "6");
        Launched w = start(worker("worker1", env)).awaitReady();
        List<Map.Entry<Integer, String>> values = new ArrayList<>();
        values.add(Map.entry(0, "spawn"));
        values.addAll(events(40));
        List<E2eApp.Done> sent = Kafka.send(topic, values);
        await("some done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.spawned(w).size() == 2 && E2eApp.done(w).size() >= 5);
        List<Long> spawned = E2eApp.spawned(w);
        ProcessHandle jvm = w.jvm().orElseThrow();

        long t0 = System.nanoTime();
        w.signal("KILL");
        await("the JVM halted").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !running(jvm.pid()));
        figure("launcher KILLed to its JVM halted", msSince(t0), "ms");
        assertThat(Kafka.committed(appId, topic).values()).as("nothing committed").allMatch(o -> o == 0);
        assertGone("the agent's subprocesses after KILL of the launcher", spawned);
        List<E2eApp.Done> done = E2eApp.done(w);
        assertThat(done).isNotEmpty();

        Launched again = start(worker("worker1-again", dir.resolve("worker1-data"), Map.of())).awaitReady();
        await("all processed after the restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> E2eApp.done(again).size() >= sent.size());
        again.signal("TERM");
        assertThat(again.awaitExit(Duration.ofSeconds(60))).as(again.output()).isZero();
        assertThat(keys(E2eApp.done(again))).as("the uncommitted events redone, none lost").isEqualTo(keys(sent));
        assertThat(E2eApp.done(again)).hasSize(sent.size());
    }

    @Test
    void aLauncherKilledWhileItsJvmStartsLeavesNoJvmBehind() {
        // a restart loop on a loaded machine: the launcher is KILLed before its JVM got to watching it
        Launched w = start(worker("worker1", Map.of()));
        ProcessHandle jvm = await("the JVM started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(w::jvm, java.util.Optional::isPresent).orElseThrow();
        w.signal("KILL");
        assertThat(w.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
        await("the orphaned JVM halted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> !running(jvm.pid()));
        assertThat(w.err()).doesNotContain("worker ready");
    }

    @Test
    void killOfTheJvmMakesTheLauncherKillItsProcessGroup() {
        Launched w = start(worker("worker1", Map.of("E2E_SLEEP_MS", "50"))).awaitReady();
        Kafka.send(topic, List.of(Map.entry(0, "spawn")));
        await("subprocesses started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.spawned(w).size() == 2);
        List<Long> spawned = E2eApp.spawned(w);
        ProcessHandle jvm = w.jvm().orElseThrow();

        long t0 = System.nanoTime();
        Launched.kill("KILL", jvm.pid());
        assertThat(w.awaitExit(Duration.ofSeconds(5))).as("the launcher exits with the JVM's status")
                .isEqualTo(137);
        figure("JVM KILLed to the launcher's exit", msSince(t0), "ms");
        assertGone("the agent's subprocesses after KILL of the JVM", spawned);
    }

    private static List<E2eApp.Done> union(List<E2eApp.Done> a, List<E2eApp.Done> b) {
        List<E2eApp.Done> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
