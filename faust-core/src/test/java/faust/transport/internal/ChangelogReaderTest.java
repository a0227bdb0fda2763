package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.App;
import faust.Settings;
import faust.internal.Clock;
import faust.internal.TableImpl;
import faust.spi.Apps;
import faust.stores.Stores;
import faust.tables.internal.TableRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The changelog reader while the broker is away: a poll or a request that times out (an outage, a broker restart
 * with leadership not settled yet) is said in one line without a stack trace, tried again, and reading goes on
 * when the broker answers (the CI run that saw an 8-line stack trace in a worker's log during a broker outage).
 */
class ChangelogReaderTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ChangelogReader.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private TableRuntime runtime;
    private ChangelogReader reader;
    private TableImpl<String, Long> prices;
    private TopicPartition tp;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        log.start();
        logger.addAppender(log);
        App app = App.create("reader");
        prices = (TableImpl<String, Long>) app.globalTable("prices", String.class, Long.class, t -> { });
        Settings settings = Apps.configure(app, Map.of(), Map.of());
        tp = new TopicPartition(prices.changelogTopic(), 0);
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.updateEndOffsets(Map.of(tp, 1L));
        runtime = new TableRuntime(List.of(prices), Map.of("prices", 1), Map.of("prices", Stores.memory()), null,
                (key, n) -> 0, Clock.SYSTEM);
        runtime.bind();
        KafkaClients clients = new KafkaClients() {
            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return consumer;
            }

            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                throw new UnsupportedOperationException("the reader only reads");
            }

            @Override
            public Admin admin(Map<String, Object> config) {
                throw new UnsupportedOperationException("the reader only reads");
            }
        };
        consumer.setPollException(new TimeoutException("Timeout expired while fetching topic metadata"));
        reader = new ChangelogReader(runtime, clients, settings, "reader-test", p -> { }, () -> { }, Clock.SYSTEM);
    }

    @AfterEach
    void stop() {
        reader.close();
        runtime.close();
        logger.detachAppender(log);
    }

    @Test
    void aBrokerThatDoesNotAnswerIsOneLineWithoutStackTraceAndReadingGoesOnAfterwards() {
        await("the reader tried, failed and tried again").atMost(Duration.ofSeconds(10))
                .until(() -> log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("did not answer")));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(tp.topic(), 0, 0,
                "\"apple\"".getBytes(StandardCharsets.UTF_8), "12".getBytes(StandardCharsets.UTF_8))));
        await("the record read after the broker answered").atMost(Duration.ofSeconds(10))
                .until(() -> reader.recordsRead() == 1);
        await("the line saying the broker answers again").atMost(Duration.ofSeconds(10))
                .until(() -> log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("answers again")));

        assertThat(prices.get("apple")).isEqualTo(12L);
        assertThat(log.list).as("no stack trace").allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                .singleElement().asString()
                .isEqualTo("changelog reader: the broker did not answer (Timeout expired while fetching topic"
                        + " metadata); trying again until it does");
    }
}
