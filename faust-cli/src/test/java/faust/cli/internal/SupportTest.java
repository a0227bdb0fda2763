package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import faust.App;
import faust.FaustException;
import faust.spi.Apps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Small pieces: class path entries, log set-up, broker check, text tables. */
class SupportTest {
    @TempDir
    Path dir;

    @Test
    void classPathExpandsJarDirectories() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/b.jar"), "");
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("lib/notes.txt"), "");
        Files.createDirectories(dir.resolve("classes"));

        assertThat(ClassPathEntries.of("classes:lib/*", "missing", dir))
                .containsExactly(dir.resolve("classes"), dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar"));
    }

    @Test
    void logLevelsAndKafkaCap() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        try {
            LogSetup.apply(LogLevel.INFO, null, false, 42);
            assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);

            LogSetup.apply(LogLevel.DEBUG, null, true, 42);
            assertThat(context.getLogger("org.apache.kafka").getEffectiveLevel()).isEqualTo(Level.DEBUG);

            LogSetup.apply(LogLevel.CRIT, dir.resolve("logs/faust.log"), false, 42);
            assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.ERROR);
            LoggerFactory.getLogger("test").error("to the file");
            assertThat(dir.resolve("logs/faust.log")).content().matches(
                    "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}\\] \\[42\\] \\[ERROR\\] test: to the file\\R");
        } finally {
            LogSetup.apply(LogLevel.WARN, null, false, 42);
        }
    }

    @Test
    void brokerCheckNamesTheBrokerAndWhatToDo() {
        App app = App.create("x", cfg -> cfg.broker("kafka://localhost:1"));
        assertThatThrownBy(() -> BrokerCheck.require(Apps.configure(app, Map.of(), Map.of()), Duration.ofMillis(300)))
                .isExactlyInstanceOf(FaustException.class)
                .hasMessage("no Kafka broker answered at localhost:1 within 0 s (broker set by app code): start one"
                        + " with 'faust broker start', or point --broker / FAUST_BROKER_URL at a running broker");
    }

    @Test
    void appMainRunsTheCommandLineForThatApp() {
        assertThat(faust.cli.fixtures.ClassApp.app.main("agents", "--json")).isZero();
        assertThat(faust.cli.fixtures.ClassApp.app.main("agents", "--bogus")).isEqualTo(2);
    }

    @Test
    void textTable() {
        Table t = new Table("name", "n").row("@a", 1).row("@longer", 22);
        assertThat(t.text().lines()).containsExactly("name     n", "@a       1", "@longer  22");
        assertThat(t.json()).isEqualTo("[{\"name\":\"@a\",\"n\":1},{\"name\":\"@longer\",\"n\":22}]");
    }
}
