package faust.transport.internal;

import static faust.transport.internal.FetcherHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.Setting;
import faust.StopMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once commits through the real fetcher, committer and agents over a transactional MockProducer: the
 * cut (a transaction never holds part of an event's outputs without its offset), abort and rewind, cold stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExactlyOnceFetcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<Setting, String> EOS = Map.of(Setting.PROCESSING_GUARANTEE, "exactly_once");

    /** Each event sends two records, {@code <v>-a} then {@code <v>-b}; "slow" waits between them. */
    private static FetcherHarness twoOutputs(CountDownLatch slow) {
        return new FetcherHarness(FetcherHarness.autoCompleting(), app -> {
            var out = app.topic("out");
            return stream -> {
                for (Object v : stream) {
                    out.send(v + "-a");
                    if (v.equals("slow")) {
                        slow.await();
                    }
                    out.send(v + "-b");
                }
            };
        }, 1, EOS);
    }

    private static List<String> values(List<ProducerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : records) {
            out.add(new String(r.value(), StandardCharsets.UTF_8).replace("\"", ""));
        }
        return out;
    }

    private static long lastCommitted(FetcherHarness h, int partition) {
        long last = -1;
        for (Map<String, Map<TopicPartition, OffsetAndMetadata>> c : h.producer.consumerGroupOffsetsHistory()) {
            for (Map<TopicPartition, OffsetAndMetadata> offsets : c.values()) {
                OffsetAndMetadata om = offsets.get(FetcherHarness.tp(partition));
                if (om != null) {
                    last = om.offset();
                }
            }
        }
        return last;
    }

    @Test
    void aCommitWaitsForTheEventInFlightSoTheTransactionHoldsAllOfItsOutputsAndItsOffset() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        try (FetcherHarness h = twoOutputs(slow)) {
            h.start(0);
            h.add(0, 0, json("x"), json("slow"), json("y"));
            await("slow in flight, its first output sent").atMost(WAIT)
                    .until(() -> values(h.producer.uncommittedRecords()).contains("slow-a"));
            h.tick();
            Thread.sleep(300); // the commit is due: it waits for the cut
            assertThat(h.producer.consumerGroupOffsetsHistory()).as("no commit while slow is in flight").isEmpty();
            assertThat(values(h.producer.uncommittedRecords())).as("y does not begin while the commit waits")
                    .doesNotContain("y-a");

            slow.countDown();
            await("the first transaction").atMost(WAIT).until(() -> !h.producer.consumerGroupOffsetsHistory().isEmpty());
            assertThat(lastCommitted(h, 0)).as("its offsets cover x and slow").isEqualTo(2);
            assertThat(values(h.producer.history())).as("and exactly their outputs, all of them")
                    .containsExactly("x-a", "x-b", "slow-a", "slow-b");

            await("y in the next one").atMost(WAIT).until(() -> {
                h.tick();
                return lastCommitted(h, 0) == 3;
            });
            assertThat(values(h.producer.history())).containsExactly("x-a", "x-b", "slow-a", "slow-b", "y-a", "y-b");
        }
    }

    @Test
    void aFailedCommitIsAbortedAndTheInputsRewoundSoEveryOutputIsCommittedOnce() throws Exception {
        try (FetcherHarness h = twoOutputs(new CountDownLatch(0))) {
            h.producer.commitTransactionException = new KafkaException("commit refused (test)");
            h.start(0);
            h.add(0, 0, json("e0"), json("e1"), json("e2"));
            await().atMost(WAIT).until(() -> values(h.producer.uncommittedRecords()).contains("e2-b"));
            await("the failed commit rewinds the partition to its start").atMost(WAIT).until(() -> {
                h.tick();
                return h.consumer.seeks.contains(Map.entry(FetcherHarness.tp(0), 0L));
            });
            assertThat(h.producer.history()).as("nothing of the aborted transaction is visible").isEmpty();

            h.producer.commitTransactionException = null;
            h.add(0, 0, json("e0"), json("e1"), json("e2")); // the broker delivers them again from the seek
            await("redone and committed").atMost(WAIT).until(() -> {
                h.tick();
                return lastCommitted(h, 0) == 3;
            });
            assertThat(values(h.producer.history())).as("each output once")
                    .containsExactly("e0-a", "e0-b", "e1-a", "e1-b", "e2-a", "e2-b");
        }
    }

    @Test
    void aColdStopAbortsTheOpenTransactionAndCommitsNothing() throws Exception {
        try (FetcherHarness h = twoOutputs(new CountDownLatch(0))) {
            h.start(0);
            h.add(0, 0, json("e0"), json("e1"));
            await().atMost(WAIT).until(() -> values(h.producer.uncommittedRecords()).contains("e1-b"));
            h.stop(StopMode.COLD);
            assertThat(h.producer.uncommittedRecords()).as("aborted").isEmpty();
            assertThat(h.producer.history()).isEmpty();
            assertThat(h.producer.consumerGroupOffsetsHistory()).isEmpty();
        }
    }

    @Test
    void aWarmStopCommitsWhatWasDone() throws Exception {
        try (FetcherHarness h = twoOutputs(new CountDownLatch(0))) {
            h.start(0);
            h.add(0, 0, json("e0"), json("e1"));
            await().atMost(WAIT).until(() -> values(h.producer.uncommittedRecords()).contains("e1-b"));
            h.stop(StopMode.WARM);
            assertThat(lastCommitted(h, 0)).isEqualTo(2);
            assertThat(values(h.producer.history())).containsExactly("e0-a", "e0-b", "e1-a", "e1-b");
        }
    }

    @Test
    void aDeadLetterIsCommittedInTheTransactionOfItsInputOffsetAndNotBeforeIt() throws Exception {
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), app -> {
            var out = app.topic("out");
            return stream -> {
                for (Object v : stream) {
                    if (v.equals("bad")) {
                        throw new IllegalArgumentException("cannot take " + v);
                    }
                    out.send(v + "-a");
                }
            };
        }, 1, Map.of(Setting.PROCESSING_GUARANTEE, "exactly_once", Setting.ERROR_POLICY, "dead_letter"))) {
            h.producer.commitTransactionException = new KafkaException("commit refused (test)");
            h.start(0);
            h.add(0, 0, json("a"), json("bad"), json("c"));
            await("the dead letter sent").atMost(WAIT).until(() -> h.producer.uncommittedRecords().stream()
                    .anyMatch(r -> r.topic().equals("t-__dead-letter")));
            await("the failed commit rewinds").atMost(WAIT).until(() -> {
                h.tick();
                return h.consumer.seeks.contains(Map.entry(FetcherHarness.tp(0), 0L));
            });
            assertThat(h.producer.history()).as("no dead letter without its offset").isEmpty();

            h.producer.commitTransactionException = null;
            h.add(0, 0, json("a"), json("bad"), json("c"));
            await("redone and committed").atMost(WAIT).until(() -> {
                h.tick();
                return lastCommitted(h, 0) == 3;
            });
            assertThat(h.producer.history()).extracting(ProducerRecord::topic).as("one dead letter, with its offset")
                    .containsExactly("out", "t-__dead-letter", "out");
        }
    }
}
