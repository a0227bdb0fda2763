package faust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.App;
import faust.Setting;
import faust.StopMode;
import faust.devbroker.junit.EmbeddedKafka;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.internal.BlockingDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Shutdown never hangs: stuck agents, escalation to cold, and the blocking detector. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShutdownIT {
    @TempDir
    Path tmp;

    private App stuckApp(String id, String topic, CountDownLatch entered, AtomicInteger finished) {
        App app = App.create(id);
        app.agent(app.topic(topic), stream -> {
            for (Object v : stream) {
                if (v.equals("stuck")) {
                    entered.countDown();
                    while (true) {
                        try {
                            Thread.sleep(60_000); // ignores interrupts: a truly stuck agent
                        } catch (InterruptedException ignored) {
                            // keep being stuck
                        }
                    }
                }
                finished.incrementAndGet();
            }
        });
        return app;
    }

    @Test
    void aStuckAgentMakesTheWarmShutdownGiveUpAfterTheShutdownTimeout() throws Exception {
        String id = EmbeddedKafka.uniqueName("stuck");
        String topic = id + "-in";
        Kafka.createTopic(topic, 1);
        Kafka.sendJsonStrings(topic, 0, List.of("a", "b", "stuck", "c"));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        App app = stuckApp(id, topic, entered, finished);
        ListAppender<ILoggingEvent> logs = capture(Worker.class);
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.SHUTDOWN_TIMEOUT, "2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> entered.getCount() == 0);
        long t0 = System.nanoTime();
        w.stop(StopMode.WARM);
        int code = w.awaitTermination(Duration.ofSeconds(30));
        assertThat(code).isEqualTo(ExitCodes.SHUTDOWN_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(25));
        assertThat(Kafka.committed(id, topic, 0)).as("a and b done, stuck not").isEqualTo(2);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("did not finish within shutdown_timeout")
                .contains("agent-" + topic + "-0")
                .contains("processing " + topic + "-0@2"));
    }

    @Test
    void aSecondStopDuringAWarmShutdownMakesItColdAndItEndsAtOnce() throws Exception {
        String id = EmbeddedKafka.uniqueName("escalate");
        String topic = id + "-in";
        Kafka.createTopic(topic, 1);
        Kafka.sendJsonStrings(topic, 0, List.of("a", "stuck", "c"));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        App app = stuckApp(id, topic, entered, finished);
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.SHUTDOWN_TIMEOUT, "120"));
        await().atMost(Duration.ofSeconds(30)).until(() -> entered.getCount() == 0);
        w.stop(StopMode.WARM);
        await().atMost(Duration.ofSeconds(10)).until(() -> w.state() == WorkerState.STOPPING);
        long t0 = System.nanoTime();
        w.stop(StopMode.COLD);
        int code = w.awaitTermination(Duration.ofSeconds(30));
        assertThat(code).isEqualTo(ExitCodes.COLD);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(Kafka.committed(id, topic, 0)).isEqualTo(1);
    }

    @Test
    void theBlockingDetectorNamesTheAgentAndTheEventThatTakesTooLong() throws Exception {
        String id = EmbeddedKafka.uniqueName("blocking");
        String topic = id + "-in";
        Kafka.createTopic(topic, 1);
        Kafka.sendJsonStrings(topic, 0, List.of("slow"));
        CountDownLatch release = new CountDownLatch(1);
        App app = App.create(id);
        app.agent(app.topic(topic), stream -> {
            for (Object v : stream) {
                release.await();
            }
        });
        ListAppender<ILoggingEvent> logs = capture(BlockingDetector.class);
        Worker w = Workers.start(app, tmp.resolve("w"), Map.of(Setting.BLOCKING_TIMEOUT, "0.3"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> logs.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("blocking detected")));
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("agent " + topic)
                    .contains(topic + "-0@0")
                    .contains("ShutdownIT"));
        } finally {
            release.countDown();
            Workers.stop(w, StopMode.WARM);
        }
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
