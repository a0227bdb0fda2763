package faust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.Table;
import faust.Topic;
import faust.devbroker.ClientSecurity;
import faust.devbroker.junit.EmbeddedKafka;
import faust.spi.Apps;
import faust.testing.Workers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker on the dev broker's secured listeners (issue 16): SASL_SSL with SCRAM and a PEM CA file, mutual TLS
 * with PEM files, the dev broker's client properties file as it is; a wrong password and an untrusted
 * certificate are one clear line each.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecurityIT {
    private static ClientSecurity security;

    @TempDir
    Path tmp;

    @BeforeAll
    static void broker() {
        security = EmbeddedKafka.securedBroker().security().orElseThrow();
    }

    private static Map<String, String> saslSslEnv(String mechanism) {
        Map<String, String> env = new HashMap<>();
        env.put("FAUST_BROKER_URL", "kafka://" + security.saslSslBootstrapServers());
        env.put("FAUST_BROKER_SASL_MECHANISM", mechanism);
        env.put("FAUST_BROKER_SASL_USERNAME", security.username());
        env.put("FAUST_BROKER_SASL_PASSWORD", security.password());
        env.put("FAUST_SSL_CAFILE", security.caCertificate().toString());
        return env;
    }

    private Settings configure(App app, Map<String, String> env) {
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.DATADIR, new Settings.Flag("--datadir", tmp.resolve(app.id()).toString()));
        flags.put(Setting.WEB_ENABLED, new Settings.Flag("--without-web", "false"));
        flags.put(Setting.BROKER_COMMIT_INTERVAL, new Settings.Flag("test", "0.2"));
        flags.put(Setting.TOPIC_PARTITIONS, new Settings.Flag("test", "2"));
        flags.put(Setting.BROKER_CONNECT_TIMEOUT, new Settings.Flag("test", "5"));
        flags.put(Setting.SHUTDOWN_TIMEOUT, new Settings.Flag("test", "20"));
        return Apps.configure(app, env, flags);
    }

    @Test
    void aWorkerWithATableRunsOnTheSaslSslListenerWithScramAndAPemCaFile() throws Exception {
        String id = EmbeddedKafka.uniqueName("secure");
        App app = App.create(id);
        Topic<byte[], Object> out = app.topic(id + "-out", byte[].class, Object.class, t -> t.internal(true));
        Table<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        faust.Agent<byte[], Object> agent = app.agent("count", stream -> {
            for (Object v : stream) {
                counts.put(String.valueOf(v), counts.get(String.valueOf(v)) + 1);
                out.send("seen " + v).join();
            }
        });
        configure(app, saslSslEnv("SCRAM-SHA-512"));
        Worker w = new Worker(app, Worker.Options.defaults());
        w.start(banner -> { });
        try {
            await("worker on SASL_SSL ready").atMost(Duration.ofSeconds(60)).until(w::ready);
            for (int i = 0; i < 20; i++) {
                agent.send("k" + (i % 4)).get(10, TimeUnit.SECONDS);
            }
            List<String> got = readAll(id + "-out", 20);
            assertThat(got).hasSize(20).contains("\"seen k0\"", "\"seen k3\"");
        } finally {
            assertThat(Workers.stop(w, StopMode.WARM)).isEqualTo(ExitCodes.OK);
        }
        assertThat(readUntil(id + "-counts-changelog", got -> got.stream().filter("5"::equals).count() == 4))
                .as("the changelog written through TLS: each key counted 5 times").filteredOn("5"::equals).hasSize(4);
    }

    @Test
    void mutualTlsWithPemFilesAndTheDevBrokersPropertiesFileAsItIsReachTheBroker() {
        App tls = App.create(EmbeddedKafka.uniqueName("mtls"));
        Map<String, String> env = Map.of("FAUST_BROKER_URL", "kafka://" + security.sslBootstrapServers(),
                "FAUST_SSL_CAFILE", security.caCertificate().toString(),
                "FAUST_SSL_CERTFILE", security.dir().resolve("client.crt").toString(),
                "FAUST_SSL_KEYFILE", security.dir().resolve("client.key").toString());
        Settings s = configure(tls, env);
        assertThat(s.kafkaConfig()).containsEntry("security.protocol", "SSL");
        Apps.checkBroker(s, Duration.ofSeconds(20));

        // no FAUST_BROKER_URL: bootstrap.servers of the file is the broker
        App file = App.create(EmbeddedKafka.uniqueName("file"));
        Settings fs = configure(file, Map.of("FAUST_KAFKA_CONFIG_FILE",
                security.dir().resolve("client-sasl-ssl.properties").toString()));
        assertThat(fs.bootstrapServers()).isEqualTo(security.saslSslBootstrapServers());
        assertThat(fs.isConfigured(Setting.BROKER)).isTrue();
        Apps.checkBroker(fs, Duration.ofSeconds(20));
        var sender = Apps.standaloneSender(fs, "file-test");
        try {
            String topic = file.id() + "-t";
            Apps.createTopic(fs, topic, 1, Duration.ofSeconds(20));
            sender.send(topic, null, null, "x".getBytes(StandardCharsets.UTF_8), Map.of()).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            sender.close();
        }
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheUserAndMechanism() {
        App app = App.create(EmbeddedKafka.uniqueName("badpw"));
        Map<String, String> env = new HashMap<>(saslSslEnv("SCRAM-SHA-256"));
        env.put("FAUST_BROKER_SASL_PASSWORD", "not-the-password");
        Settings s = configure(app, env);
        assertThatThrownBy(() -> Apps.checkBroker(s, Duration.ofSeconds(20)))
                .isInstanceOf(FaustException.class)
                .hasMessageStartingWith("authentication failed for user " + security.username() + " with SCRAM-SHA-256")
                .hasMessageContaining("FAUST_BROKER_SASL_PASSWORD")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUntrustedCertificateIsOneLineNamingTheTrustStoreSettings() {
        App app = App.create(EmbeddedKafka.uniqueName("untrusted"));
        Map<String, String> env = new HashMap<>(saslSslEnv("PLAIN"));
        env.remove("FAUST_SSL_CAFILE");
        env.put("FAUST_BROKER_SECURITY_PROTOCOL", "SASL_SSL"); // the JVM's CAs do not know the dev broker's
        Settings s = configure(app, env);
        assertThatThrownBy(() -> Apps.checkBroker(s, Duration.ofSeconds(20)))
                .isInstanceOf(FaustException.class)
                .hasMessageStartingWith("the broker's certificate at " + security.saslSslBootstrapServers()
                        + " is not trusted: set the trust store")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static List<String> readAll(String topic, int expected) {
        return readUntil(topic, got -> got.size() >= expected);
    }

    private static List<String> readUntil(String topic, java.util.function.Predicate<List<String>> done) {
        Map<String, Object> config = new HashMap<>(security.saslSslProperties("SCRAM-SHA-256"));
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }
}
