package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.devbroker.junit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Poison input (issue 16): bad messages (invalid JSON, a field of the wrong type, a value that is not an object,
 * no value at all, an over-size event the agent refuses) mixed into good ones. The worker stays up, every bad
 * message is in the dead-letter topic with its error, every good one is processed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PoisonFaultIT extends FaultTest {
    private static final int PARTITIONS = 4;
    private static final String[] KINDS = {"invalid JSON", "wrong type", "no value", "not an object", "over-size"};

    @Test
    void everyBadMessageEndsInTheDeadLetterTopicWhileGoodOnesFlow() throws Exception {
        long good = param("good", 2_000, 50_000);
        long bad = param("bad", 10_000, 10_000);
        FaultKafka kafka = new FaultKafka(EmbeddedKafka.bootstrapServers());
        kafka.createTopic(in(), PARTITIONS);
        Launched w = start(worker("w0", "kafka://" + EmbeddedKafka.bootstrapServers(),
                Map.of("FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS)))).awaitReady();

        long t0 = System.nanoTime();
        Map<String, String> badKinds = new TreeMap<>(); // partition@offset -> kind
        int[] perKind = new int[KINDS.length];
        try (KafkaProducer<byte[], byte[]> p = kafka.producer()) {
            List<Future<RecordMetadata>> badSent = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            long g = 0;
            long b = 0;
            while (g < good || b < bad) {
                boolean sendBad = b < bad && (g >= good || b * good <= g * bad);
                if (sendBad) {
                    // one over-size message in 50 bad ones: they are big (100 kB)
                    int kind = b % 50 == 49 ? 4 : (int) (b % 4);
                    badSent.add(p.send(new ProducerRecord<>(in(), FaultKafka.utf8("bad" + b), poison(kind, b))));
                    kinds.add(KINDS[kind]);
                    perKind[kind]++;
                    b++;
                } else {
                    p.send(new ProducerRecord<>(in(), FaultKafka.utf8(FaultKafka.key(g)), FaultKafka.event(g)));
                    g++;
                }
            }
            p.flush();
            for (int i = 0; i < badSent.size(); i++) {
                RecordMetadata md = badSent.get(i).get(60, TimeUnit.SECONDS);
                badKinds.put(md.partition() + "@" + md.offset(), kinds.get(i));
            }
        }
        await("every good event in the output").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .failFast(() -> assertThat(w.process.isAlive()).as(w.output()).isTrue())
                .until(() -> new HashSet<>(FaultKafka.seqs(kafka.readAll(out(), n -> true, Duration.ofSeconds(20))))
                        .size() >= good);
        await("every bad message in the dead-letter topic").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> kafka.readAll(deadLetters(), n -> true, Duration.ofSeconds(20)).size() >= bad);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        List<Long> seqs = FaultKafka.seqs(kafka.readAll(out(), n -> n >= good, Duration.ofSeconds(30)));
        Set<Long> distinct = new HashSet<>(seqs);
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(deadLetters(), n -> n >= bad, Duration.ofSeconds(30));
        Set<String> deadAt = new HashSet<>();
        Map<String, String> errorByKind = new TreeMap<>();
        long withoutError = 0;
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            String at = FaultKafka.header(r, "faust.partition") + "@" + FaultKafka.header(r, "faust.offset");
            deadAt.add(at);
            String error = FaultKafka.header(r, "faust.error");
            if (error == null || error.isBlank()) {
                withoutError++;
            } else if (badKinds.containsKey(at)) {
                errorByKind.putIfAbsent(badKinds.get(at), error.lines().findFirst().orElse(""));
            }
        }
        long goodLost = 0;
        for (long s = 0; s < good; s++) {
            if (!distinct.contains(s)) {
                goodLost++;
            }
        }
        boolean alive = w.process.isAlive();
        long errorLines = w.err().lines().filter(l -> l.contains("[ERROR]") || l.contains("[WARN]")).count();
        long stack = stackTraceLines(w);
        w.signal("TERM");
        int exit = w.awaitExit(Duration.ofSeconds(60));

        FaultReport report = new FaultReport("poison")
                .put("events in", good + " good + " + bad + " bad")
                .put("events out", seqs.size() + " good out, " + dead.size() + " dead letters")
                .put("lost", goodLost + " good, " + (bad - deadAt.stream().filter(badKinds::containsKey).count())
                        + " bad not in the dead-letter topic")
                .put("duplicated", seqs.size() - distinct.size())
                .put("time to recover", "all handled " + elapsedMs + " ms after the first send");
        for (int k = 0; k < KINDS.length; k++) {
            report.put("bad: " + KINDS[k], perKind[k] + " sent; error: " + errorByKind.get(KINDS[k]));
        }
        report.put("worker log", errorLines + " WARN/ERROR lines, " + stack + " stack-trace lines")
                .put("notes", "1 worker, " + PARTITIONS + " partitions, error_policy dead_letter (default)")
                .write();

        assertThat(alive).as("the worker stayed up").isTrue();
        assertThat(goodLost).as("good events lost").isZero();
        assertThat(deadAt).as("every bad message in the dead-letter topic, by partition@offset")
                .containsAll(badKinds.keySet());
        assertThat(dead).as("nothing but the bad ones in the dead-letter topic").hasSize((int) bad);
        assertThat(withoutError).as("dead letters without their error").isZero();
        // decode errors are one line each; an agent's exception has its stack trace once per kind (two kinds here)
        assertThat(stack).as("no stack trace per bad message").isLessThan(300);
        assertThat(errorLines).as("one line per bad message").isLessThanOrEqualTo(bad + 20);
        assertThat(exit).isZero();
    }

    private static byte[] poison(int kind, long b) {
        return switch (kind) {
            case 0 -> FaultKafka.utf8("{\"seq\": " + b + ", \"pad\":");
            case 1 -> FaultKafka.utf8("{\"seq\":\"not a number\",\"pad\":null}");
            case 2 -> null;
            case 3 -> FaultKafka.utf8("\"just a string " + b + "\"");
            default -> FaultKafka.utf8("{\"seq\":" + (1_000_000_000L + b) + ",\"pad\":\""
                    + "x".repeat(FaultApp.MAX_PAD + 1) + "\"}");
        };
    }
}
