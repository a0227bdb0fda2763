package faust.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.AskTimeoutException;
import faust.Event;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.Topic;
import faust.TopicPartition;
import faust.YieldingAgent;
import faust.devbroker.junit.EmbeddedKafka;
import faust.internal.AppAccess;
import faust.spi.Apps;
import faust.testing.Kafka;
import faust.testing.Workers;
import faust.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Asks between workers and from a client, the dead-worker timeout, isolated partitions, several topics. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AgentsIT {
    @TempDir
    Path tmp;

    record Answer(int sum, String by) {
    }

    private static YieldingAgent<byte[], Integer, Answer> adder(App app, String by) {
        return app.agent("adder", Integer.class, Answer.class, (stream, out) -> {
            for (Integer v : stream) {
                out.emit(new Answer(v + 1, by));
            }
        }, o -> { });
    }

    private static App client(String id, Map<Setting, String> extra) {
        App app = App.create(id);
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BROKER, new Settings.Flag("--broker", "kafka://" + Kafka.servers()));
        extra.forEach((k, v) -> flags.put(k, new Settings.Flag("test", v)));
        Apps.configure(app, Map.of(), flags);
        return app;
    }

    @Test
    void anAskIsAnsweredByTheWorkerHoldingTheKeysPartitionAndByClients() throws Exception {
        String id = EmbeddedKafka.uniqueName("ask");
        App a = App.create(id);
        YieldingAgent<byte[], Integer, Answer> adderA = adder(a, "a");
        App b = App.create(id);
        adder(b, "b");
        Map<Setting, String> four = Map.of(Setting.TOPIC_PARTITIONS, "4");
        Worker wa = Workers.start(a, tmp.resolve("a"), four);
        Worker wb = Workers.start(b, tmp.resolve("b"), four);
        App c = client(id, Map.of());
        YieldingAgent<byte[], Integer, Answer> adderC = adder(c, "c");
        try {
            await("partitions split").atMost(Duration.ofSeconds(60)).until(() ->
                    !wa.assignment().isEmpty() && !wb.assignment().isEmpty()
                            && wa.assignment().size() + wb.assignment().size() == 4);
            int partitionOfB = wb.assignment().iterator().next().partition();
            byte[] keyOnB = keyFor(partitionOfB, 4);

            Answer answer = adderA.ask(keyOnB, 41);
            assertThat(answer).as("asked on worker a, answered by worker b").isEqualTo(new Answer(42, "b"));
            assertThat(adderA.join(List.of(1, 2, 3))).extracting(Answer::sum).containsExactly(2, 3, 4);
            assertThat(adderC.ask(keyOnB, 9)).as("asked from a client app outside any worker")
                    .isEqualTo(new Answer(10, "b"));

            String replyTopic = AppAccess.get().replyTopic(a);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", Kafka.servers()))) {
                var desc = admin.describeTopics(List.of(replyTopic)).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(desc.get(replyTopic).partitions()).hasSize(1);
                ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, replyTopic);
                Config config = admin.describeConfigs(List.of(res)).all().get(30, TimeUnit.SECONDS).get(res);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
                assertThat(config.get("retention.ms").value()).isEqualTo("86400000");
            }
        } finally {
            c.close();
            Workers.stop(wb, StopMode.WARM);
            Workers.stop(wa, StopMode.WARM);
        }
    }

    /** @return a key the default partitioner puts on partition {@code p} of {@code n} */
    private static byte[] keyFor(int p, int n) {
        for (int i = 0; ; i++) {
            byte[] k = ("k" + i).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(k)) % n == p) {
                return k;
            }
        }
    }

    @Test
    void anAskWhoseWorkerDiesFailsWithAClearTimeoutInsteadOfHanging() throws Exception {
        String id = EmbeddedKafka.uniqueName("dies");
        CountDownLatch began = new CountDownLatch(1);
        App w = App.create(id);
        w.agent("slow", Object.class, Object.class, (stream, out) -> {
            for (Object v : stream) {
                began.countDown();
                Thread.sleep(120_000); // dies (cold stop) before answering
                out.emit(v);
            }
        }, o -> { });
        Worker worker = Workers.start(w, tmp.resolve("w"), Map.of(Setting.TOPIC_PARTITIONS, "1"));
        App c = client(id, Map.of(Setting.ASK_TIMEOUT, "4"));
        YieldingAgent<byte[], Object, Object> slow = c.agent("slow", Object.class, Object.class,
                (stream, out) -> { }, o -> { });
        try {
            CompletableFuture<Object> reply = slow.askNowait("work");
            assertThat(began.await(30, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            assertThat(Workers.stop(worker, StopMode.COLD)).isNotZero();
            assertThat(reply).failsWithin(Duration.ofSeconds(20)).withThrowableThat().havingCause()
                    .isInstanceOf(AskTimeoutException.class)
                    .withMessageContaining("no reply from agent slow (topic " + id + "-slow) within 4 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        } finally {
            c.close();
        }
    }

    @Test
    void isolatedPartitionsStartAndStopWithTheRebalance() throws Exception {
        String id = EmbeddedKafka.uniqueName("iso");
        List<String> log = new CopyOnWriteArrayList<>();
        App a = isolated(App.create(id), "a", log);
        App b = isolated(App.create(id), "b", log);
        Map<Setting, String> four = Map.of(Setting.TOPIC_PARTITIONS, "4");
        Worker wa = Workers.start(a, tmp.resolve("a"), four);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(log, "a start") == 4);
        Worker wb = Workers.start(b, tmp.resolve("b"), four);
        try {
            await("partitions split").atMost(Duration.ofSeconds(60)).until(() ->
                    wa.assignment().size() == 2 && wb.assignment().size() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(log, "a end") == 2 && count(log, "b start") == 2);
            for (TopicPartition tp : wb.assignment()) {
                assertThat(log).as("a's instance of a partition b took over ended; b started one")
                        .contains("a end " + tp.partition(), "b start " + tp.partition());
            }
            for (int p = 0; p < 4; p++) {
                Kafka.sendJsonStrings(id + "-iso", p, List.of("x" + p));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(log, "a got") + count(log, "b got") == 4);
            for (TopicPartition tp : wb.assignment()) {
                assertThat(log).as("each event is processed by its partition's instance")
                        .contains("b got x" + tp.partition() + " on " + tp.partition() + " in " + tp.partition());
            }
            for (TopicPartition tp : wa.assignment()) {
                assertThat(log).contains("a got x" + tp.partition() + " on " + tp.partition() + " in " + tp.partition());
            }

            Workers.stop(wb, StopMode.WARM);
            await("a takes every partition back").atMost(Duration.ofSeconds(60))
                    .until(() -> wa.assignment().size() == 4 && count(log, "a start") == 6);
            assertThat(count(log, "b end")).isEqualTo(2);
        } finally {
            Workers.stop(wb, StopMode.WARM);
            Workers.stop(wa, StopMode.WARM);
        }
    }

    private static App isolated(App app, String by, List<String> log) {
        app.agent("iso", stream -> {
            String thread = Thread.currentThread().getName();
            String p = thread.substring(thread.lastIndexOf('-') + 1);
            log.add(by + " start " + p);
            for (Event<byte[], Object> e : stream.events()) {
                log.add(by + " got " + e.value() + " on " + e.partition() + " in " + p);
            }
            log.add(by + " end " + p);
        }, o -> o.isolatedPartitions(true));
        return app;
    }

    private static long count(List<String> log, String prefix) {
        return log.stream().filter(s -> s.startsWith(prefix)).count();
    }

    @Test
    void anAgentReadsSeveralTopicsAndAPatternAndAnswersFaustsRequestsByteForByte() throws Exception {
        String id = EmbeddedKafka.uniqueName("multi");
        Kafka.createTopic(id + "-pat-1", 1);
        Kafka.createTopic(id + "-pat-2", 2);
        App app = App.create(id);
        Topic<byte[], Object> x = app.topic(id + "-x", byte[].class, Object.class, t -> t.internal(true));
        Topic<byte[], Object> pat = app.topic(Pattern.compile(Pattern.quote(id) + "-pat-.*"), byte[].class,
                Object.class, t -> { });
        Set<String> seen = new HashSet<>();
        List<String> order = new CopyOnWriteArrayList<>();
        app.agent("multi", List.of(x, pat), stream -> {
            for (Event<byte[], Object> e : stream.events()) {
                order.add(e.topic() + ":" + e.value());
            }
        }, o -> { });
        app.agent("golden.adder", Object.class, Object.class, (stream, out) -> {
            for (Object v : stream) {
                out.emit(v instanceof Integer i ? i + 1 : v);
            }
        }, o -> { });
        Worker w = Workers.start(app, tmp.resolve("m"), Map.of(Setting.TOPIC_PARTITIONS, "2"));
        try {
            Kafka.sendJsonStrings(id + "-x", 0, List.of("one"));
            Kafka.sendJsonStrings(id + "-pat-1", 0, List.of("two"));
            Kafka.sendJsonStrings(id + "-pat-2", 1, List.of("three"));
            await().atMost(Duration.ofSeconds(30)).until(() -> order.size() == 3);
            seen.addAll(order);
            assertThat(seen).containsExactlyInAnyOrder(id + "-x:one", id + "-pat-1:two", id + "-pat-2:three");

            // A request as Python Faust writes it (05-agent-ask.txt), to a reply topic of "its" own.
            String replyTopic = "f-reply-" + UUID.randomUUID();
            Kafka.createTopic(replyTopic, 1);
            String correlationId = "6799fe6e-93e9-4f57-bae7-19884473f3ad";
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.servers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                ProducerRecord<byte[], byte[]> request = new ProducerRecord<>(id + "-golden.adder", null,
                        "q1".getBytes(StandardCharsets.UTF_8), "41".getBytes(StandardCharsets.UTF_8));
                request.headers().add("Faust-Ag-ReplyTo", replyTopic.getBytes(StandardCharsets.UTF_8));
                request.headers().add("Faust-Ag-CorrelationId", correlationId.getBytes(StandardCharsets.UTF_8));
                producer.send(request).get(30, TimeUnit.SECONDS);
            }
            List<ConsumerRecord<byte[], byte[]>> replies = Kafka.readAll(replyTopic, 1, Duration.ofSeconds(30));
            assertThat(replies).hasSize(1);
            assertThat(replies.getFirst().key()).isNull();
            assertThat(new String(replies.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"key\":\"b'q1'\",\"value\":42,\"correlation_id\":\"" + correlationId
                            + "\",\"__faust\":{\"ns\":\"@ReqRepResponse\"}}");
        } finally {
            Workers.stop(w, StopMode.WARM);
        }
    }
}
