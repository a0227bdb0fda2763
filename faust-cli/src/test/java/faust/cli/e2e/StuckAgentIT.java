package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An agent stuck in an event that ignores interrupts: {@code --blocking-timeout} warns with the agent, the
 * event and its stack; a warm shutdown gives up after {@code --shutdown-timeout}, logs the stuck agent's
 * stack and exits 4; a second TERM during a warm shutdown makes it cold (status 3) at once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StuckAgentIT extends E2eTest {
    @Test
    void aStuckAgentMakesTheWorkerExitAfterTheShutdownTimeoutAndASecondTermMakesItCold() {
        // two workers of the same app, each with its own partition to be stuck in
        Launched.Spec one = worker("worker1", Map.of());
        Launched.Spec two = worker("worker2", Map.of());
        List<Launched> both = start(
                one.withArgs(List.of("--shutdown-timeout=2", "--blocking-timeout=0.5")),
                two.withArgs(List.of("--shutdown-timeout=60")));
        Launched w1 = both.get(0);
        Launched w2 = both.get(1);
        int port1 = w1.webPort();
        int port2 = w2.webPort();
        parallel(both, Launched::awaitReady);
        await("the partitions split").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !assignment(port1).isEmpty() && !assignment(port2).isEmpty()
                        && assignment(port1).size() + assignment(port2).size() == PARTITIONS);
        int p1 = assignment(port1).iterator().next();
        int p2 = assignment(port2).iterator().next();
        Kafka.send(topic, List.of(Map.entry(p1, "stuck-1"), Map.entry(p2, "stuck-2")));
        await("both stuck").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> E2eApp.begun(w1).size() == 1 && E2eApp.begun(w2).size() == 1);

        await("the blocking warning").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> w1.err().contains("blocking detected"));
        assertThat(w1.err()).contains("blocking detected: agent process has been processing " + topic + "-" + p1 + "@0")
                .contains("e2eapp.stuck(");

        long t0 = System.nanoTime();
        w1.signal("TERM");
        w2.signal("TERM");
        await("worker2 in its warm shutdown").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> w2.err().contains("warm shutdown"));
        long t1 = System.nanoTime();
        w2.signal("TERM");
        int status2 = w2.awaitExit(Duration.ofSeconds(20));
        figure("second TERM to exit (agent stuck)", msSince(t1), "ms");
        int status1 = w1.awaitExit(Duration.ofSeconds(30));
        long timeoutMs = msSince(t0);
        figure("TERM to exit with --shutdown-timeout=2 (agent stuck)", timeoutMs, "ms");

        assertThat(status1).as(w1.output()).isEqualTo(4);
        assertThat(timeoutMs).as("bounded by --shutdown-timeout").isBetween(2000L, 10000L);
        assertThat(w1.err()).contains("did not finish within shutdown_timeout")
                .contains("\"agent-process-0\" virtual").contains("(processing " + topic + "-" + p1 + "@0");
        String afterTimeout = w1.err().substring(w1.err().indexOf("did not finish within shutdown_timeout"));
        assertThat(afterTimeout).as("the stuck agent's stack").contains("e2eapp.stuck(");

        assertThat(status2).as(w2.output()).isEqualTo(3);
        assertThat(w2.err()).contains("SIGTERM received again: cold shutdown");
        assertThat(E2eApp.done(w1)).isEmpty();
        assertThat(E2eApp.done(w2)).isEmpty();
        assertThat(Kafka.committed(appId, topic).values()).as("the stuck events are not committed")
                .allMatch(o -> o == 0);
    }
}
