package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leadership as users run it: two {@code bin/faust} workers of an app without agents whose only work is an
 * {@code onLeader} timer (so they join the group for it); the timer runs on exactly one of them, and on the other
 * once the leader is KILLed (after the group's session timeout: 6 s here; {@code E2E_SESSION_TIMEOUT=60} measures
 * the default). The app's own command runs through {@code bin/faust} too.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LeaderIT extends E2eTest {
    private static final String APP = """
            import faust.App;
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            import java.time.Duration;

            /** An onLeader timer writing the time of each tick to $E2E_DIR/leader.txt, and a command. */
            public class leaderapp {
                public static final App app = App.create(System.getenv("E2E_APP_ID"));
                private static final Path DIR = Path.of(System.getenv("E2E_DIR"));

                static {
                    app.timer(Duration.ofMillis(200), () -> Files.writeString(DIR.resolve("leader.txt"),
                            System.currentTimeMillis() + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                            o -> o.onLeader(true).name("leader-tick"));
                    app.command("hello", c -> c.help("print a greeting").option("--name", "world", "whom to greet"),
                            args -> args.out().println("hello " + args.get("--name") + " from " + app.id()));
                }
            }
            """;

    private Launched.Spec leaderWorker(String name, String sessionTimeout) {
        return new Launched.Spec(name, dir, Launched.env("E2E_APP_ID", appId, "FAUST_BROKER_SESSION_TIMEOUT",
                sessionTimeout, "FAUST_BROKER_HEARTBEAT_INTERVAL", "1"), List.of("--broker=" + Kafka.url(), "-W",
                dir.toString(), "--datadir=" + dir.resolve(name + "-data"), "-A", "leaderapp", "-l", "info", "worker",
                "--web-port=0"), false);
    }

    private static List<Long> ticks(Launched w) {
        Path p = w.dir.resolve("leader.txt");
        try {
            return Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> !l.isBlank()).map(Long::parseLong)
                    .toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anOnLeaderTimerRunsOnOneWorkerAndMovesToTheOtherWhenTheLeaderIsKilled() throws Exception {
        Files.writeString(dir.resolve("leaderapp.java"), APP);
        String session = System.getenv().getOrDefault("E2E_SESSION_TIMEOUT", "6");
        List<Launched> two = start(leaderWorker("worker1", session), leaderWorker("worker2", session));
        int port1 = two.get(0).webPort();
        int port2 = two.get(1).webPort();
        parallel(two, Launched::awaitReady);
        await("one leader").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(port1).path("leader").asBoolean() ^ status(port2).path("leader").asBoolean());
        Launched leader = status(port1).path("leader").asBoolean() ? two.get(0) : two.get(1);
        Launched other = leader == two.get(0) ? two.get(1) : two.get(0);
        await("the leader ticks").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ticks(leader).size() >= 10);
        assertThat(ticks(other)).as("the other worker never ran the onLeader timer").isEmpty();
        assertThat(leader.err()).contains("this worker is now the leader");

        ProcessHandle jvm = leader.jvm().orElseThrow();
        long t0 = System.nanoTime();
        leader.signal("KILL");
        assertThat(leader.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
        await("the KILLed worker's JVM halted").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> !running(jvm.pid()));
        long haltedAt = System.currentTimeMillis();
        await("the other worker leads").atMost(Duration.ofSeconds(Long.parseLong(session) + 60))
                .pollInterval(Duration.ofMillis(50)).until(() -> !ticks(other).isEmpty());
        long handover = msSince(t0);
        figure("leader KILLed (session timeout " + session + " s) to the other worker's first onLeader tick",
                handover, "ms");
        assertThat(ticks(leader)).as("nothing after the KILLed worker halted").allMatch(t -> t <= haltedAt);
        assertThat(ticks(other)).as("the new leader ticks only after the old one halted")
                .allMatch(t -> t >= haltedAt);
        assertThat(other.err()).contains("this worker is now the leader");
        other.signal("TERM");
        assertThat(other.awaitExit(Duration.ofSeconds(60))).as(other.output()).isZero();
    }

    @Test
    void theAppsOwnCommandRunsThroughTheLauncher() throws Exception {
        Files.writeString(dir.resolve("leaderapp.java"), APP);
        Launched help = start(new Launched.Spec("help", dir, Launched.env("E2E_APP_ID", appId),
                List.of("-W", dir.toString(), "-A", "leaderapp", "--help"), false));
        assertThat(help.awaitExit(Duration.ofSeconds(60))).as(help.output()).isZero();
        assertThat(help.out()).contains("hello").contains("print a greeting");
        Launched run = start(new Launched.Spec("hello", dir, Launched.env("E2E_APP_ID", appId),
                List.of("-W", dir.toString(), "-A", "leaderapp", "hello", "--name", "ann"), false));
        assertThat(run.awaitExit(Duration.ofSeconds(60))).as(run.output()).isZero();
        assertThat(run.out()).isEqualTo("hello ann from " + appId + "\n");
        assertThat(run.err()).isEmpty();
    }
}
