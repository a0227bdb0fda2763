package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.Faust;
import faust.devbroker.junit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/faust} as a process, on the distribution this build packaged: the JVM runs as its child,
 * signals are forwarded (QUIT becomes a cold shutdown), the banner shows the launcher's pid.
 */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LauncherIT {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("faust");

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(dir.toFile());
        pb.environment().put("FAUST_NO_BUILD", "1"); // this build just packaged it
        pb.environment().put("FAUST_HOME", dir.resolve(".faust-home").toString());
        pb.environment().put("FAUST_BROKER_URL", "kafka://" + EmbeddedKafka.bootstrapServers());
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        return pb.start();
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out.txt"));
    }

    private String err() throws IOException {
        return Files.readString(dir.resolve("err.txt"));
    }

    @Test
    void version() throws Exception {
        Process p = start("--version");

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err()).isZero();
        assertThat(out()).isEqualTo("Faust for Java " + Faust.VERSION + "\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void termIsAWarmShutdownAndQuitACold() throws Exception {
        String id = EmbeddedKafka.uniqueName("launch");
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", id));

        for (String signal : List.of("TERM", "QUIT")) {
            Process p = start("-A", "proj", "worker", "--web-port", "0", "-l", "info");
            await().atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive() || err().contains("worker ready"));
            assertThat(p.isAlive()).as(err()).isTrue();
            assertThat(out()).contains("ƒaµS† v" + Faust.VERSION).containsPattern("pid\\s+" + p.pid() + "\\n");

            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(signal + ": " + err()).isEqualTo(signal.equals("TERM") ? 0 : 3);
            assertThat(err()).contains(signal.equals("TERM") ? "warm shutdown" : "cold shutdown");
        }
    }
}
