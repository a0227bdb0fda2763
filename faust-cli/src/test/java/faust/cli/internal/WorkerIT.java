package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.Faust;
import faust.StopMode;
import faust.devbroker.junit.EmbeddedKafka;
import faust.worker.Worker;
import java.nio.file.Files;
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

/** {@code faust -A proj worker} in-process on a file app, against the embedded broker. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WorkerIT {
    @TempDir
    Path dir;

    @Test
    void runsAFileAppUntilStopped() throws Exception {
        String id = EmbeddedKafka.uniqueName("worker");
        Path seen = dir.resolve("seen.txt");
        AppFiles.write(dir, "proj.java", """
                import faust.App;
                import java.nio.file.*;

                public class proj {
                    public static final App app = App.create("%s");

                    static {
                        app.agent("process", stream -> {
                            for (Object value : stream) {
                                try {
                                    Files.writeString(Path.of("%s"), value + "\\n", StandardOpenOption.CREATE,
                                            StandardOpenOption.APPEND);
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                        });
                    }
                }
                """.formatted(id, seen.toString().replace("\\", "\\\\")));
        Map<String, String> env = Map.of("FAUST_BROKER_URL", "kafka://" + EmbeddedKafka.bootstrapServers());
        AtomicReference<Worker> worker = new AtomicReference<>();

        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> CliRun.run(dir, env, worker::set,
                "-A", "proj", "worker", "--web-port", "0", "-l", "info"));
        await().atMost(Duration.ofSeconds(60)).until(() -> run.isDone() || worker.get() != null && worker.get().ready());
        assertThat(run).as("the worker stopped early").isNotDone();

        CliRun.Result sent = CliRun.run(dir, env, null, "-A", "proj", "send", "@process", "{\"n\": 1}");
        assertThat(sent.status()).as(sent.err()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(seen) && Files.readString(seen).contains("n"));

        worker.get().stop(StopMode.WARM);
        CliRun.Result result = run.get(60, TimeUnit.SECONDS);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.outLines().get(0)).isEqualTo("ƒaµS† v" + Faust.VERSION);
        assertThat(result.out()).contains("@process <- " + id + "-process").contains("(info)");
        assertThat(Files.readString(seen)).isEqualTo("{n=1}\n");
    }
}
