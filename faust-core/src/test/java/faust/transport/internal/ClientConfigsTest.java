package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.ConfigException;
import faust.Credentials;
import faust.Settings;
import faust.spi.Apps;
import faust.worker.internal.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security and pass-through client properties (issue 16) reach every client, and never the guarantees' keys. */
class ClientConfigsTest {
    @TempDir
    Path tmp;

    private static Settings settings(App app, Map<String, String> env) {
        return Apps.configure(app, env, Map.of());
    }

    @Test
    void credentialsInAppCodeReachEveryKindOfClient() {
        App app = App.create("sec", cfg -> cfg.credentials(
                Credentials.sasl("alice", "s3cret", "scram-sha-512", Credentials.tls())));
        ClientConfigs c = new ClientConfigs(settings(app, Map.of()));
        for (Map<String, Object> p : new Map[] {c.consumer("g", Map.of()), c.producer("p"), c.admin("a"),
                c.changelogConsumer("cl")}) {
            assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            assertThat((String) p.get("sasl.jaas.config")).contains("ScramLoginModule").contains("username=\"alice\"");
        }
        assertThat(app.settings().kafkaConfig().toString()).contains("s3cret");
        assertThat(Credentials.sasl("alice", "s3cret", "PLAIN").toString()).doesNotContain("s3cret");
    }

    @Test
    void environmentCredentialsReplaceTheAppCodesAndPassThroughKeysAreAddedPerKindOfClient() {
        App app = App.create("env", cfg -> cfg.credentials(Credentials.tls())
                .kafkaConfig("producer.compression.type", "lz4").kafkaConfig("consumer.fetch.min.bytes", "1024"));
        Settings s = settings(app, Map.of("FAUST_BROKER_SASL_USERNAME", "bob", "FAUST_BROKER_SASL_PASSWORD", "pw",
                "FAUST_BROKER_SASL_MECHANISM", "PLAIN", "FAUST_KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd",
                "FAUST_KAFKA_METADATA_MAX_AGE_MS", "60000", "FAUST_CONSUMER_GROUP_INSTANCE_ID", "worker-0"));
        ClientConfigs c = new ClientConfigs(s);
        Map<String, Object> producer = c.producer("p");
        Map<String, Object> consumer = c.consumer("g", Map.of());
        assertThat(producer).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("compression.type", "zstd").containsEntry("metadata.max.age.ms", "60000")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .doesNotContainKey("fetch.min.bytes");
        assertThat(consumer).containsEntry("fetch.min.bytes", "1024").containsEntry("group.instance.id", "worker-0")
                .containsEntry("group.id", "g").containsEntry("enable.auto.commit", "false")
                .doesNotContainKey("compression.type");
        assertThat(c.changelogConsumer("cl")).doesNotContainKey("group.instance.id");
        assertThat(s.secured()).isTrue();
    }

    @Test
    void keysTheGuaranteesDependOnAreRefusedNamingWhereTheyCameFrom() {
        assertThatThrownBy(() -> settings(App.create("acks"), Map.of("FAUST_KAFKA_PRODUCER_ACKS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Kafka client property producer.acks (FAUST_KAFKA_PRODUCER_ACKS) cannot be set");
        assertThatThrownBy(() -> App.create("gid", cfg -> cfg.kafkaConfig("group.id", "x")).configure(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka_config in app code");
        assertThatThrownBy(() -> settings(App.create("pem"), Map.of("FAUST_SSL_CERTFILE", "/nope/client.crt")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("give both or neither");
        assertThatThrownBy(() -> settings(App.create("proto"), Map.of("FAUST_BROKER_SECURITY_PROTOCOL", "TLS")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
    }

    @Test
    void aPropertiesFileGivesTheBrokerWhenNoneIsSetElsewhere() throws Exception {
        Path file = tmp.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=broker1:9093\nsecurity.protocol=SSL\n");
        Settings s = settings(App.create("file"), Map.of("FAUST_KAFKA_CONFIG_FILE", file.toString()));
        assertThat(s.bootstrapServers()).isEqualTo("broker1:9093");
        assertThat(s.kafkaConfig()).containsEntry("security.protocol", "SSL").doesNotContainKey("bootstrap.servers");
        Settings given = settings(App.create("file"), Map.of("FAUST_KAFKA_CONFIG_FILE", file.toString(),
                "FAUST_BROKER_URL", "kafka://other:9092"));
        assertThat(given.bootstrapServers()).isEqualTo("other:9092");
    }

    @Test
    void topicOptionsAreUsedWhenTheWorkerCreatesTheTopic() {
        App app = App.create("topts");
        var t = app.topic("topts-events", byte[].class, Object.class, o -> o.internal(true).replicas(3).partitions(2)
                .retention(Duration.ofHours(1)).compacting(true).deleting(true).config("min.insync.replicas", "2"));
        app.agent(t, stream -> { });
        Settings s = settings(app, Map.of());
        var specs = Topics.wanted(app, s, new faust.agents.internal.ErrorPolicy(faust.agents.internal.ErrorPolicy.Kind.SKIP, null, "dl", r -> { }));
        assertThat(specs).anySatisfy(spec -> {
            assertThat(spec.name()).isEqualTo("topts-events");
            assertThat(spec.replicas()).isEqualTo((short) 3);
            assertThat(spec.partitions()).isEqualTo(2);
            assertThat(spec.config()).containsEntry("retention.ms", "3600000")
                    .containsEntry("cleanup.policy", "compact,delete").containsEntry("min.insync.replicas", "2");
        });
    }
}
