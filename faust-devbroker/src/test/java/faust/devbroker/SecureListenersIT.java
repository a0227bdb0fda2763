package faust.devbroker;

import faust.devbroker.junit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Plain kafka-clients producers, consumers and admins against the secured listeners of the dev broker. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(120)
class SecureListenersIT {
    private static ClientSecurity security;

    @BeforeAll
    static void start() {
        security = EmbeddedKafka.securedBroker().security().orElseThrow();
    }

    @Test
    void producerAndConsumerRoundTripOverSaslSslWithScramSha512() throws Exception {
        roundTrip(security.saslSslProperties("SCRAM-SHA-512"));
    }

    @Test
    void producerAndConsumerRoundTripOverSaslSslWithPlain() throws Exception {
        roundTrip(security.saslSslProperties("PLAIN"));
    }

    @Test
    void producerAndConsumerRoundTripOverSslWithAClientCertificate() throws Exception {
        roundTrip(security.sslProperties());
    }

    @Test
    void everyMechanismLogsInOnBothSaslListeners() throws Exception {
        for (String mechanism : ClientSecurity.MECHANISMS) {
            assertThat(clusterId(security.saslSslProperties(mechanism))).as("SASL_SSL " + mechanism).isNotBlank();
            assertThat(clusterId(security.saslPlaintextProperties(mechanism))).as("SASL_PLAINTEXT " + mechanism)
                    .isNotBlank();
        }
    }

    @Test
    void aWrongScramPasswordFailsAtOnceWithAClearError() {
        Map<String, Object> config = security.withPassword("wrong").saslSslProperties("SCRAM-SHA-512");
        long begin = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(EmbeddedKafka.uniqueName("denied"), "v"))
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aWrongPlainPasswordFailsTheConsumersPollWithAClearError() {
        Map<String, Object> config = security.withPassword("wrong").saslSslProperties("PLAIN");
        config.put("group.id", EmbeddedKafka.uniqueName("denied"));
        long begin = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = consumer(config)) {
            consumer.subscribe(List.of(EmbeddedKafka.uniqueName("denied")));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Invalid username or password");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aClientThatDoesNotTrustTheDevCaIsRefused() {
        Map<String, Object> config = security.saslSslProperties("SCRAM-SHA-512");
        config.keySet().removeIf(key -> key.startsWith("ssl.truststore")); // the JDK's CAs only
        assertThatThrownBy(() -> clusterId(config))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SslAuthenticationException.class)
                .hasMessageContaining("SSL handshake failed");
    }

    @Test
    void theSslListenerRefusesAClientWithoutACertificate() {
        Map<String, Object> config = security.sslProperties();
        config.keySet().removeIf(key -> key.startsWith("ssl.keystore") || key.equals("ssl.key.password"));
        assertThatThrownBy(() -> clusterId(config))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void theFilesInTheSecurityDirectoryDescribeTheListeners() throws Exception {
        assertThat(ClientSecurity.read(security.dir())).contains(security);
        assertThat(security.caCertificate()).content().startsWith("-----BEGIN CERTIFICATE-----");
        // what kafka-console-producer --command-config would read
        Properties file = new Properties();
        try (var in = Files.newInputStream(security.dir().resolve("client-sasl-ssl.properties"))) {
            file.load(in);
        }
        Map<String, Object> fromFile = new HashMap<>();
        file.forEach((key, value) -> fromFile.put((String) key, value));
        assertThat(fromFile).isEqualTo(security.saslSslProperties("SCRAM-SHA-512"));
        assertThat(clusterId(fromFile)).isNotBlank();
        assertThat(security.describe()).anySatisfy(line -> assertThat(line)
                .startsWith("SASL_SSL       on " + security.saslSslBootstrapServers()));
        assertThat(security.toString()).doesNotContain(security.password());
    }

    private static void roundTrip(Map<String, Object> config) throws Exception {
        String topic = EmbeddedKafka.uniqueName("secure");
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer(config)) {
            producer.send(new ProducerRecord<>(topic, "k", "secret hello")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerConfig = new HashMap<>(config);
        consumerConfig.put("group.id", EmbeddedKafka.uniqueName("group"));
        try (KafkaConsumer<String, String> consumer = consumer(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).extracting(ConsumerRecord::value).containsExactly("secret hello");
        }
    }

    private static String clusterId(Map<String, Object> config) throws Exception {
        Map<String, Object> admin = new HashMap<>(config);
        admin.put("default.api.timeout.ms", 15_000);
        admin.put("request.timeout.ms", 10_000);
        try (Admin client = Admin.create(admin)) {
            return client.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        Map<String, Object> p = new HashMap<>(config);
        p.put("max.block.ms", 20_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }
}
