package faust.transport.internal;

import static faust.transport.internal.FetcherHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import faust.Setting;
import faust.StopMode;
import faust.agents.internal.PartitionTracker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher's rules through its real code (fetcher, dispatcher, committer, rebalance listener, agent
 * runners, error policy) over MockConsumer/MockProducer and a manual clock: no broker.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FetcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    void aCommitStopsAtTheFirstUnfinishedEventEvenWhenLaterOnesAreDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), stream -> {
            for (Object v : stream) {
                if (v.equals("e0")) {
                    release.await();
                }
                done.add(v.toString());
            }
        }, 2, Map.of())) {
            h.start(0);
            h.add(0, 0, json("e0"), json("e1"), json("e2"), json("e3"), json("e4"));
            await().atMost(WAIT).until(() -> done.size() == 4);
            assertThat(done).containsExactlyInAnyOrder("e1", "e2", "e3", "e4");

            await("a periodic commit while e0 is in flight").atMost(WAIT).until(() -> h.tickUntilCommitted(0, 0));
            await("e0 in flight blocks the commit of e1..e4, which are done, commit after commit")
                    .during(Duration.ofMillis(500)).atMost(WAIT).until(() -> h.tickUntilCommitted(0, 0));

            release.countDown();
            await().atMost(WAIT).until(() -> done.size() == 5);
            await("the commit moves past e4 once e0 is done").atMost(WAIT).until(() -> h.tickUntilCommitted(0, 5));
        }
    }

    @Test
    void partitionsArePausedWhileTheAgentsBufferIsFullAndResumedWhenItDrained() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), stream -> {
            for (Object v : stream) {
                release.await();
                done.add(v.toString());
            }
        }, 2, Map.of(Setting.STREAM_BUFFER_MAXSIZE, "4"))) {
            h.start(0, 1);
            String[] values = new String[20];
            for (int i = 0; i < values.length; i++) {
                values[i] = json("p" + i);
            }
            h.add(0, 0, values);
            await("paused at the buffer's bound").atMost(WAIT)
                    .until(() -> h.consumer.paused().equals(Set.of(FetcherHarness.tp(0), FetcherHarness.tp(1))));
            assertThat(h.runners.getFirst().buffered()).isGreaterThanOrEqualTo(4);

            release.countDown();
            await().atMost(WAIT).until(() -> done.size() == 20);
            await("resumed once drained").atMost(WAIT).until(() -> h.consumer.paused().isEmpty());
        }
    }

    @Test
    void aRevokedPartitionsInFlightEventFinishesBeforeItsOffsetsAreCommittedAndItsBufferedOnesAreSkipped()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), stream -> {
            for (Object v : stream) {
                if (v.equals("r1")) {
                    release.await();
                }
                done.add(v.toString());
            }
        }, 1, Map.of())) {
            h.start(0);
            h.add(0, 0, json("r0"), json("r1"), json("r2"));
            await().atMost(WAIT).until(() -> done.size() == 1);
            h.consumer.schedulePollTask(() -> h.consumer.rebalance(List.of()));
            await("the revoke waits for r1").atMost(WAIT)
                    .until(() -> h.fetcher.trackers().stream().anyMatch(PartitionTracker::revoked));
            assertThat(h.consumer.commits).as("nothing committed while r1 runs").isEmpty();

            release.countDown();
            await("committed after r1 finished").atMost(WAIT).until(() -> h.committed(0) == 2);
            await().atMost(WAIT).until(() -> h.fetcher.assignment().isEmpty());
            assertThat(done).as("r2 was buffered when its partition was revoked: the new owner does it")
                    .containsExactly("r0", "r1");
        }
    }

    /** A producer whose flush waits until the test opens the gate (a slow broker). */
    static final class GatedProducer extends MockProducer<byte[], byte[]> {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch flushing = new CountDownLatch(1);

        GatedProducer() {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void flush() {
            flushing.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.flush(); // completes every outstanding send
        }
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheOutputsTheirEventsProducedWereAcknowledged() throws Exception {
        GatedProducer producer = new GatedProducer();
        List<java.util.concurrent.CompletableFuture<?>> sends = new CopyOnWriteArrayList<>();
        List<Boolean> allAckedAtCommit = new CopyOnWriteArrayList<>();
        try (FetcherHarness h = new FetcherHarness(producer, app -> {
            var out = app.topic("out");
            return stream -> {
                for (Object v : stream) {
                    sends.add(out.send(v)); // acknowledged only when the producer is flushed
                }
            };
        }, 1, Map.of())) {
            h.consumer.onCommit = () -> allAckedAtCommit.add(sends.stream().allMatch(f -> f.isDone()));
            h.start(0);
            h.add(0, 0, json("o0"), json("o1"), json("o2"));
            await().atMost(WAIT).until(() -> sends.size() == 3);

            h.tick();
            assertThat(producer.flushing.await(10, TimeUnit.SECONDS)).as("the commit flushes first").isTrue();
            Thread.sleep(200); // the fetcher goes on polling meanwhile
            assertThat(h.consumer.commits).as("no commit while the outputs are not acknowledged").isEmpty();
            assertThat(sends).noneMatch(f -> f.isDone());

            producer.gate.countDown();
            await().atMost(WAIT).until(() -> h.tickUntilCommitted(0, 3));
            assertThat(allAckedAtCommit).isNotEmpty().containsOnly(true);
            assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("out");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dead_letter", "skip"})
    void aFailedEventAndAnUndecodableOneAreHandledByTheErrorPolicyAndProcessingGoesOn(String policy)
            throws Exception {
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), stream -> {
            for (Object v : stream) {
                if (v.equals("bad")) {
                    throw new IllegalArgumentException("cannot take " + v);
                }
                done.add(v.toString());
            }
        }, 1, Map.of(Setting.ERROR_POLICY, policy))) {
            h.start(0);
            h.add(0, 0, json("a"), json("bad"), "not json", json("c"));
            await().atMost(WAIT).until(() -> done.size() == 2);
            assertThat(done).containsExactly("a", "c");
            await("committed past both").atMost(WAIT).until(() -> h.tickUntilCommitted(0, 4));
            List<ProducerRecord<byte[], byte[]>> dead = h.producer.history().stream()
                    .filter(r -> r.topic().equals("t-__dead-letter")).toList();
            if (policy.equals("skip")) {
                assertThat(dead).isEmpty();
            } else {
                // the undecodable one goes first: it is decoded on the fetcher thread, before the agent runs
                assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8),
                                r -> new String(r.headers().lastHeader("faust.offset").value(), StandardCharsets.UTF_8),
                                r -> new String(r.headers().lastHeader("faust.failed").value(), StandardCharsets.UTF_8))
                        .containsExactlyInAnyOrder(tuple(json("bad"), "1", "agent in"),
                                tuple("not json", "2", "decoding in as Object"));
            }
            assertThat(h.stopRequested.get()).isNull();
        }
    }

    @Test
    void theStopPolicyStopsTheWorkerAndNeverCommitsTheFailedEvent() throws Exception {
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), stream -> {
            for (Object v : stream) {
                if (v.equals("bad")) {
                    throw new IllegalArgumentException("cannot take " + v);
                }
                done.add(v.toString());
            }
        }, 1, Map.of(Setting.ERROR_POLICY, "stop"))) {
            h.start(0);
            h.add(0, 0, json("a"), json("bad"), json("c"));
            await().atMost(WAIT).until(() -> h.stopRequested.get() != null);
            assertThat(h.stopRequested.get()).contains("agent in failed on in-0@1").contains("cannot take bad");
            await().atMost(WAIT).until(() -> h.tickUntilCommitted(0, 1));
            h.stop(StopMode.WARM);
            assertThat(h.committed(0)).as("the failed event stays uncommitted: redone after a restart").isEqualTo(1);
            assertThat(h.producer.history()).isEmpty();
        }
    }

    @Test
    void aColdStopCommitsOnlyWhatWasFinishedAndAcksNothingTheAgentsWereInterruptedIn() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FetcherHarness h = new FetcherHarness(FetcherHarness.autoCompleting(), stream -> {
            for (Object v : stream) {
                if (v.equals("k1")) {
                    never.await(); // interrupted by the cold stop
                }
                done.add(v.toString());
            }
        }, 1, Map.of())) {
            h.start(0);
            h.add(0, 0, json("k0"), json("k1"), json("k2"));
            await().atMost(WAIT).until(() -> done.size() == 1
                    && h.fetcher.trackers().stream().anyMatch(t -> t.inProgress() == 1));
            h.stop(StopMode.COLD);
            assertThat(done).containsExactly("k0");
            assertThat(h.committed(0)).as("k1 was interrupted, not finished: it is redone").isEqualTo(1);
            assertThat(h.consumer.closed()).isTrue();
        }
    }
}
