package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Command;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.devbroker.junit.EmbeddedKafka;
import faust.spi.Apps;
import faust.worker.Worker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline example as written: an order goes through checkout, which asks price; the sink gets the price. */
@ExtendWith(EmbeddedKafka.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PipelineExampleIT {
    @TempDir
    Path tmp;

    @Test
    void anOrderIsPricedByAskingThePriceAgentAndThePriceGoesToTheSink() throws Exception {
        App app = (App) Class.forName("pipeline").getField("app").get(null);
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BROKER, new Settings.Flag("--broker", "kafka://" + EmbeddedKafka.bootstrapServers()));
        flags.put(Setting.DATADIR, new Settings.Flag("--datadir", tmp.toString()));
        flags.put(Setting.WEB_ENABLED, new Settings.Flag("--without-web", "false"));
        flags.put(Setting.TOPIC_PARTITIONS, new Settings.Flag("test", "2"));
        Apps.configure(app, Map.of(), flags);

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Worker w = new Worker(app, Worker.Options.defaults());
        try {
            w.start(b -> { });
            await().atMost(Duration.ofSeconds(60)).until(w::ready);

            assertThat(run(app, "order", Map.of("--customer", "bob", "--item", "pear", "--qty", "3")))
                    .contains("sent an order of 3 x pear");
            await("the receipt printed by checkout").atMost(Duration.ofSeconds(30)).until(() ->
                    captured.toString(StandardCharsets.UTF_8).contains("receipt for bob: 3 x pear = 1.5"));

            assertThat(run(app, "quote", Map.of("--item", "apple", "--qty", "4")))
                    .as("the quote command asks the price agent").contains("4 x apple = 1.2");

            List<String> sink = readAll("pipeline-priced", 2);
            assertThat(sink).as("every price emitted went to the sink topic, in Faust's record form")
                    .containsExactlyInAnyOrder(
                    "{\"item\":\"pear\",\"qty\":3,\"total\":1.5,\"__faust\":{\"ns\":\"pipeline.Priced\"}}",
                    "{\"item\":\"apple\",\"qty\":4,\"total\":1.2,\"__faust\":{\"ns\":\"pipeline.Priced\"}}");
        } finally {
            System.setOut(original);
            w.stop(StopMode.WARM);
            assertThat(w.awaitTermination(Duration.ofSeconds(60))).isZero();
        }
    }

    private static String run(App app, String name, Map<String, String> values) throws Exception {
        Command command = app.commands().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        StringWriter out = new StringWriter();
        command.handler().run(new Command.Args() {
            @Override
            public String get(String n) {
                return values.get(n);
            }

            @Override
            public int integer(String n) {
                return Integer.parseInt(values.get(n));
            }

            @Override
            public boolean flag(String n) {
                return false;
            }

            @Override
            public PrintWriter out() {
                return new PrintWriter(out, true);
            }
        });
        return out.toString();
    }

    /** @return the values of a one-partition topic once it holds {@code n} records */
    private static List<String> readAll(String topic, int n) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            await("records in " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
                return values.size() >= n;
            });
        }
        return values;
    }
}
