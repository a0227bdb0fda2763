package faust.cli.e2e;

import static org.awaitility.Awaitility.await;

import faust.devbroker.junit.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the fault suite (issue 16): workers of {@link FaultApp} started through {@code bin/faust}, figures in a
 * {@link FaultReport}. The short form runs in {@code mvn verify}; {@code -Dfaults.long=true} (see
 * {@code faults/run.sh}) runs the long one. {@code -Dfaults.guarantee=exactly_once} runs the workers with that
 * processing guarantee and then also requires 0 duplicates.
 */
@ExtendWith(EmbeddedKafka.class)
abstract class FaultTest {
    private static final Pattern LOG_TIME = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3})\\]");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    @TempDir
    Path dir;

    String appId;
    private final List<Launched> launched = new ArrayList<>();

    /** @return whether this is the long form ({@code -Dfaults.long=true}) */
    static boolean longForm() {
        return Boolean.getBoolean("faults.long");
    }

    static String form() {
        return longForm() ? "long" : "short";
    }

    /** @return the processing guarantee the workers run with ({@code -Dfaults.guarantee}) */
    static String guarantee() {
        return System.getProperty("faults.guarantee", "at_least_once");
    }

    static boolean exactlyOnce() {
        return guarantee().equals("exactly_once");
    }

    /** @return the short or the long figure, either overridden by {@code -Dfaults.<name>} */
    static long param(String name, long shortValue, long longValue) {
        return Long.getLong("faults." + name, longForm() ? longValue : shortValue);
    }

    @BeforeEach
    void freshApp() {
        appId = EmbeddedKafka.uniqueName("fault");
        FaultApp.write(dir);
    }

    @AfterEach
    void killLeftovers() {
        launched.forEach(Launched::close);
    }

    String in() {
        return appId + "-in";
    }

    String out() {
        return appId + "-out";
    }

    String changelog() {
        return appId + "-counts-changelog";
    }

    String deadLetters() {
        return appId + "-__dead-letter";
    }

    /**
     * {@code faust --broker URL -W DIR --datadir DIR/<name>-data -A faultapp -l info worker --web-port=0}.
     *
     * @param name the worker's name (its datadir is {@code <name>-data} unless {@code datadir} is given)
     * @param brokerUrl {@code kafka://host:port}
     * @param env settings on top of the suite's
     */
    Launched.Spec worker(String name, String brokerUrl, Path datadir, Map<String, String> env) {
        Map<String, String> all = Launched.env(
                "FAULT_APP_ID", appId,
                "FAUST_BROKER_COMMIT_INTERVAL", "0.5",
                "FAUST_BROKER_HEARTBEAT_INTERVAL", "1",
                "FAUST_BROKER_SESSION_TIMEOUT", "6",
                "FAUST_SHUTDOWN_TIMEOUT", "20",
                "FAUST_JAVA_OPTS", "-Xmx256m");
        if (!guarantee().equals("at_least_once")) {
            all.put("FAUST_PROCESSING_GUARANTEE", guarantee());
        }
        all.putAll(env);
        return new Launched.Spec(name, dir, all, List.of("--broker=" + brokerUrl, "-W", dir.toString(),
                "--datadir=" + datadir, "-A", "faultapp", "-l", "info", "worker", "--web-port=0"), false);
    }

    Launched.Spec worker(String name, String brokerUrl, Map<String, String> env) {
        return worker(name, brokerUrl, dir.resolve(name + "-data"), env);
    }

    Launched start(Launched.Spec spec) {
        Launched l = Launched.start(spec);
        launched.add(l);
        return l;
    }

    List<Launched> startAll(List<Launched.Spec> specs) {
        return specs.stream().map(this::start).toList();
    }

    /** A dev broker in its own process: {@code bin/faust broker --port PORT --datadir DIR}. */
    Launched broker(String name, int port, Path datadir) {
        Launched b = start(new Launched.Spec(name, dir, Map.of(), List.of("broker", "--port", Integer.toString(port),
                "--datadir", datadir.toString()), false));
        await(name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> b.out().contains("Kafka dev broker ready") || b.err().contains("Kafka dev broker ready")
                        || !b.process.isAlive());
        if (!b.process.isAlive()) {
            throw new AssertionError("the dev broker did not start: " + b.output());
        }
        return b;
    }

    /** @return the wall-clock time of each log line of the worker containing {@code text}, in epoch millis */
    static List<Long> logTimes(Launched w, String text) {
        List<Long> out = new ArrayList<>();
        for (String line : w.err().split("\n")) {
            if (line.contains(text)) {
                Matcher m = LOG_TIME.matcher(line);
                if (m.find()) {
                    out.add(LocalDateTime.parse(m.group(1), LOG_FORMAT).atZone(ZoneId.systemDefault()).toInstant()
                            .toEpochMilli());
                }
            }
        }
        return out;
    }

    /** @return lines of the worker's log that are part of a stack trace */
    static long stackTraceLines(Launched w) {
        return w.err().lines().filter(FaultTest::isStackTraceLine).count();
    }

    private static boolean isStackTraceLine(String l) {
        return l.startsWith("\tat ") || l.startsWith("Caused by:");
    }

    /** @return the worker's log lines around its first stack trace (empty when it has none), for failure messages */
    static String firstStackTrace(Launched w) {
        List<String> lines = w.err().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (isStackTraceLine(lines.get(i))) {
                return w.name + ":\n" + String.join("\n", lines.subList(Math.max(0, i - 3), Math.min(lines.size(), i + 30)));
            }
        }
        return "";
    }

    static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
