package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.devbroker.junit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SendIT {
    @TempDir
    Path dir;

    private static String broker() {
        return "kafka://" + EmbeddedKafka.bootstrapServers();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void sendsToATopicAndPrintsWhereEachRecordWent() {
        String topic = EmbeddedKafka.uniqueName("send");

        CliRun.Result r = CliRun.run(dir, "send", topic, "{\"n\": 1}", "-k", "k1", "--repeat", "2", "--broker", broker());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(0)).matches("\\{\"topic\":\"" + topic
                + "\",\"partition\":0,\"offset\":0,\"timestamp\":\\d+}");
        assertThat(r.outLines().get(1)).contains("\"offset\":1");
        List<ConsumerRecord<byte[], byte[]>> records = KafkaRead.records(EmbeddedKafka.bootstrapServers(), topic, 2);
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(rec -> {
            assertThat(text(rec.key())).isEqualTo("k1");
            assertThat(text(rec.value())).isEqualTo("{\"n\":1}");
        });
    }

    @Test
    void sendsToAnAgentsTopic() {
        String id = EmbeddedKafka.uniqueName("app");
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", id));

        CliRun.Result r = CliRun.run(dir, Map.of("FAUST_BROKER_URL", broker()), null,
                "-A", "proj", "send", "@process", "\"hello\"");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"topic\":\"" + id + "-process\"");
        // created as the worker would, with topic_partitions (8), not the broker's default (1)
        assertThat(KafkaRead.partitions(EmbeddedKafka.bootstrapServers(), id + "-process")).isEqualTo(8);
        List<ConsumerRecord<byte[], byte[]>> records = KafkaRead.records(EmbeddedKafka.bootstrapServers(),
                id + "-process", 1);
        assertThat(records).singleElement().satisfies(rec -> {
            assertThat(rec.key()).isNull();
            assertThat(text(rec.value())).isEqualTo("\"hello\"");
        });
    }

    @Test
    void sendsToAPartition() throws Exception {
        String topic = EmbeddedKafka.uniqueName("parts");
        EmbeddedKafka.createTopic(topic, 3);

        CliRun.Result r = CliRun.run(dir, "send", topic, "plain text", "--value-serializer", "string",
                "--partition", "2", "--broker", broker());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"partition\":2");
        assertThat(KafkaRead.records(EmbeddedKafka.bootstrapServers(), topic, 1)).singleElement()
                .satisfies(rec -> {
                    assertThat(rec.partition()).isEqualTo(2);
                    assertThat(text(rec.value())).isEqualTo("plain text");
                });
    }

    @Test
    void valueThatIsNotJsonIsRefusedBeforeAnythingIsSent() {
        String topic = EmbeddedKafka.uniqueName("refused");

        CliRun.Result r = CliRun.run(dir, "send", topic, "hello", "--broker", broker());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("faust: VALUE hello is not JSON");
    }
}
