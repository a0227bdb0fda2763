package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faust.devbroker.junit.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests: each test gets a fresh app id (so topic and consumer group), a directory
 * with {@code e2eapp.java} and a FAUST_HOME of its own, and starts workers through {@code bin/faust} against
 * the embedded broker. Processes a test leaves running are KILLed after it.
 */
@ExtendWith(EmbeddedKafka.class)
abstract class E2eTest {
    /** Partitions of the agent's topic. */
    static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    String appId;
    String topic;
    private String testName;
    private final List<Launched> launched = new ArrayList<>();

    @BeforeEach
    void freshApp(TestInfo info) {
        appId = EmbeddedKafka.uniqueName("e2e");
        topic = appId + "-process";
        testName = getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("?");
        E2eApp.write(dir);
        Kafka.createTopic(topic, PARTITIONS);
    }

    @AfterEach
    void killLeftovers() {
        launched.forEach(Launched::close);
    }

    /**
     * The seed's command line: {@code faust --datadir=DIR -A e2eapp -l info worker --web-port=0}.
     *
     * @param name the worker's name; its datadir is {@code <name>-data}
     * @param env settings for the app (E2E_SLEEP_MS, FAUST_...) on top of the defaults here
     */
    Launched.Spec worker(String name, Map<String, String> env) {
        return worker(name, dir.resolve(name + "-data"), env);
    }

    Launched.Spec worker(String name, Path datadir, Map<String, String> env) {
        Map<String, String> all = Launched.env(
                "E2E_APP_ID", appId,
                "FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "FAUST_BROKER_COMMIT_INTERVAL", "0.5",
                "FAUST_BROKER_HEARTBEAT_INTERVAL", "1");
        all.putAll(env);
        return new Launched.Spec(name, dir, all, List.of("--broker=" + Kafka.url(), "-W", dir.toString(),
                "--datadir=" + datadir, "-A", "e2eapp", "-l", "info", "worker", "--web-port=0"), false);
    }

    /** Starts the workers in parallel (each JVM takes a second or two to start and compile the app). */
    List<Launched> start(Launched.Spec... specs) {
        List<Launched> started = new ArrayList<>();
        for (Launched.Spec spec : specs) {
            Launched l = Launched.start(spec);
            launched.add(l);
            started.add(l);
        }
        return started;
    }

    Launched start(Launched.Spec spec) {
        return start(new Launched.Spec[] {spec}).get(0);
    }

    /** Runs {@code fn} on each in parallel and returns the results in order. */
    static <T, R> List<R> parallel(Collection<T> items, Function<T, R> fn) {
        List<CompletableFuture<R>> futures = items.stream()
                .map(i -> CompletableFuture.supplyAsync(() -> fn.apply(i))).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** @return {@code count} events spread round-robin over the partitions, values {@code e0, e1, ...} */
    static List<Map.Entry<Integer, String>> events(int count) {
        List<Map.Entry<Integer, String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Map.entry(i % PARTITIONS, "e" + i));
        }
        return out;
    }

    /** @return GET / of a worker: its status document */
    static JsonNode status(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the status code of GET /health */
    static int health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return partition numbers of the agent's topic that the worker on {@code port} has now */
    Set<Integer> assignment(int port) {
        Set<Integer> out = new TreeSet<>();
        for (JsonNode tp : status(port).path("assignment")) {
            String s = tp.asText();
            if (s.startsWith(topic + "-")) {
                out.add(Integer.parseInt(s.substring(topic.length() + 1)));
            }
        }
        return out;
    }

    /** Asserts the processes are gone, within a few seconds. */
    static void assertGone(String what, Collection<Long> pids) {
        await(what + " gone").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(pids.stream().filter(E2eTest::running).toList())
                        .as(what + " still running").isEmpty());
    }

    /** @return true while the process runs; a zombie does not (orphans wait for init to reap them) */
    static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** @return events as a set of {@code partition@offset} */
    static Set<String> keys(Collection<E2eApp.Done> events) {
        return events.stream().map(E2eApp.Done::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Records a figure (ms and the like) for the report: stdout and {@code target/e2e-figures.txt}. */
    void figure(String what, long value, String unit) {
        String line = testName + ": " + what + " = " + value + " " + unit;
        System.out.println(line);
        try {
            Path file = Path.of("target", "e2e-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a figure is for information only
        }
    }

    static long msSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
