package faust.devbroker;

import faust.devbroker.junit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DevBrokerIT {

    @Test
    void producesConsumesAndKeepsDataAcrossRestart(@TempDir Path dataDir) throws Exception {
        String topic = EmbeddedKafka.uniqueName("restart");
        String group = EmbeddedKafka.uniqueName("group");
        DevBroker.Options options = DevBroker.Options.defaults().withPort(0).withDataDir(dataDir);

        try (DevBroker broker = DevBroker.start(options)) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());
            assertThat(broker.dataDir()).isEqualTo(dataDir.toAbsolutePath().normalize());
            assertThat(broker.isRunning()).isTrue();
            assertThat(dataDir.resolve("meta.properties")).exists();

            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "k1", "hello")).get(30, TimeUnit.SECONDS);
                assertThat(sent.offset()).isZero();
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = pollUntilNotEmpty(consumer);
                assertThat(records).extracting(ConsumerRecord::value).containsExactly("hello");
                consumer.commitSync(Duration.ofSeconds(30));
            }
        }
        assertThat(dataDir.resolve("meta.properties")).exists(); // a given data dir is kept

        try (DevBroker broker = DevBroker.start(options)) {
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(1L);
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker, EmbeddedKafka.uniqueName("again"))) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = pollUntilNotEmpty(consumer);
                assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                        .containsExactly(tuple("k1", "hello"));
            }
        }
    }

    @Test
    void temporaryDataDirIsDeletedOnClose() {
        DevBroker broker = DevBroker.startOnFreePort();
        Path dataDir = broker.dataDir();
        assertThat(dataDir).isDirectory();
        broker.close();
        assertThat(dataDir).doesNotExist();
        assertThat(DetachedBroker.answers(broker.bootstrapServers(), Duration.ofMillis(500))).isFalse();
        broker.close(); // idempotent
    }

    @Test
    void startOnAPortTakenByAnotherProgramFailsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> DevBroker.start(DevBroker.Options.defaults().withPort(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("port " + port + " is already in use: ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void startOnThePortOfARunningBrokerSaysSo(DevBroker shared) {
        assertThatThrownBy(() -> DevBroker.start(DevBroker.Options.defaults().withPort(shared.port())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("port " + shared.port() + " is already in use: a Kafka broker already answers on "
                        + "localhost:" + shared.port() + " (is a dev broker already running?)");
    }

    @Test
    void aSecondBrokerOnTheSameDataDirIsRefusedBeforeItTouchesIt(DevBroker shared) throws Exception {
        String metaBefore = Files.readString(shared.dataDir().resolve("meta.properties"));
        assertThatThrownBy(() -> DevBroker.start(DevBroker.Options.defaults().withPort(0)
                .withDataDir(shared.dataDir())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("data dir " + shared.dataDir() + " is in use by another Kafka broker");
        assertThat(Files.readString(shared.dataDir().resolve("meta.properties"))).isEqualTo(metaBefore);
        assertThat(shared.isRunning()).isTrue();
    }

    @Test
    void answersTellsBrokersFromOtherListenersWithinTheTimeout(DevBroker shared) throws Exception {
        assertThat(DetachedBroker.answers(shared.bootstrapServers(), Duration.ofSeconds(5))).isTrue();
        assertThat(DetachedBroker.answers("kafka://" + shared.bootstrapServers(), Duration.ofSeconds(5))).isTrue();

        // a listener that accepts connections but never answers must not make the probe hang
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
            long begin = System.nanoTime();
            assertThat(DetachedBroker.answers("localhost:" + silent.getLocalPort(), Duration.ofMillis(700))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(DetachedBroker.answers("localhost:" + closedPort, Duration.ofSeconds(1))).isFalse();
        assertThat(DetachedBroker.answers("localhost:" + closedPort + "," + shared.bootstrapServers(),
                Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void sharedBrokerAutoCreatesTopicsAndServesGroups(DevBroker shared) throws Exception {
        assertThat(EmbeddedKafka.bootstrapServers()).isEqualTo(shared.bootstrapServers());
        String topic = EmbeddedKafka.uniqueName("auto");
        try (KafkaProducer<String, String> producer = producer(shared)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer(shared, EmbeddedKafka.uniqueName("g"))) {
            consumer.subscribe(List.of(topic));
            assertThat(pollUntilNotEmpty(consumer)).extracting(ConsumerRecord::value).containsExactly("v");
        }
    }

    @Test
    void uniqueNamesAreFreshAndLegalTopicNames() {
        String a = EmbeddedKafka.uniqueName("orders");
        String b = EmbeddedKafka.uniqueName("orders");
        assertThat(a).matches("orders-[0-9a-f]{8}").isNotEqualTo(b);
        assertThat(Set.of(a, b)).hasSize(2);
    }

    private static List<ConsumerRecord<String, String>> pollUntilNotEmpty(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return !records.isEmpty();
        });
        return records;
    }

    private static Admin admin(DevBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(DevBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(DevBroker broker, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
    }
}
