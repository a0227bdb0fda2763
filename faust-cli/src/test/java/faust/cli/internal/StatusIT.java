package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.StopMode;
import faust.devbroker.junit.EmbeddedKafka;
import faust.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code faust status} against a running worker (in-process, file app), and without one. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StatusIT {
    @TempDir
    Path dir;

    @Test
    void printsTheWorkersAgentsAndPartitionsOfARunningCluster() throws Exception {
        String id = EmbeddedKafka.uniqueName("status");
        AppFiles.write(dir, "proj.java", """
                import faust.App;

                public class proj {
                    public static final App app = App.create("%s");

                    static {
                        app.agent("count", stream -> {
                            for (Object value : stream) {
                                // counted by the sensors
                            }
                        });
                    }
                }
                """.formatted(id));
        Map<String, String> env = Map.of("FAUST_BROKER_URL", "kafka://" + EmbeddedKafka.bootstrapServers(),
                "FAUST_TOPIC_PARTITIONS", "4");
        AtomicReference<Worker> worker = new AtomicReference<>();
        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> CliRun.run(dir, env, worker::set,
                "-A", "proj", "worker", "--web-port", "0"));
        try {
            await("the worker is ready").atMost(Duration.ofSeconds(90))
                    .until(() -> run.isDone() || worker.get() != null && worker.get().ready());
            assertThat(run).as("the worker stopped early").isNotDone();
            CliRun.Result sent = CliRun.run(dir, env, null, "-A", "proj", "send", "@count", "--repeat", "20",
                    "{\"n\": 1}");
            assertThat(sent.status()).as(sent.err()).isZero();
            String url = "http://127.0.0.1:" + worker.get().webPort();
            AtomicReference<CliRun.Result> status = new AtomicReference<>();
            await("status shows the 20 events").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        CliRun.Result r = CliRun.run(dir, env, null, "status", "--url", url);
                        status.set(r);
                        assertThat(r.status()).as(r.err()).isZero();
                        assertThat(r.out()).containsPattern("@count\\s+" + url.replace(".", "\\.") + "\\s+\\S+\\s+20\\s");
                    });
            String out = status.get().out();
            assertThat(out).startsWith("app " + id + ": 1 worker, 4 partitions");
            assertThat(out).contains("worker").contains("events/s").contains("commit p99 ms");
            assertThat(out.lines().filter(l -> l.startsWith(id + "-count ")).toList()).as("one line per partition")
                    .hasSize(4).allSatisfy(l -> assertThat(l).contains(url));

            CliRun.Result json = CliRun.run(dir, env, null, "--json", "status", "--url", url + "/");
            assertThat(json.status()).as(json.err()).isZero();
            assertThat(json.out()).startsWith("{\"self\":\"" + url + "\",\"workers\":[");

            CliRun.Result fromApp = CliRun.run(dir, Map.of("FAUST_BROKER_URL", env.get("FAUST_BROKER_URL"),
                    "FAUST_WEB_PORT", Integer.toString(worker.get().webPort())), null, "-A", "proj", "status");
            assertThat(fromApp.status()).as(fromApp.err()).isZero();
            assertThat(fromApp.out()).startsWith("app " + id + ": 1 worker");
        } finally {
            if (worker.get() != null) {
                worker.get().stop(StopMode.WARM);
            }
            run.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void saysInOneLineWhenNoWorkerAnswers() {
        CliRun.Result r = CliRun.run(dir, "status", "--url", "http://127.0.0.1:1");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("faust: no worker answers at http://127.0.0.1:1").contains("--url");
    }
}
