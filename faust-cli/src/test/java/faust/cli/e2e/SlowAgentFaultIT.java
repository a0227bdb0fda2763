package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.devbroker.junit.EmbeddedKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow agent (issue 16): each event takes {@code FAULT_SLOW_MS} (a slow database behind the agent), and the
 * events fetched in one poll take several times {@code broker_max_poll_interval} to process. The worker keeps
 * polling while its agent works (flow control pauses the fetch instead of blocking the poll), so the group
 * does not evict it: no partition is revoked or lost, nothing is lost, and the blocking detector names the
 * agent and the event it is slow on.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SlowAgentFaultIT extends FaultTest {
    private static final int PARTITIONS = 2;

    @Test
    void anAgentSlowerThanTheMaxPollIntervalKeepsItsWorkerInTheGroup() throws Exception {
        long events = param("events", 30, 200);
        long slowMs = param("slow.ms", 500, 1_000);
        long maxPollSeconds = 4; // generous: a loaded machine must not evict a worker that polls
        FaultKafka kafka = new FaultKafka(EmbeddedKafka.bootstrapServers());
        kafka.createTopic(in(), PARTITIONS);
        Launched w = start(worker("w0", "kafka://" + EmbeddedKafka.bootstrapServers(), Map.of(
                "FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "FAULT_SLOW_MS", Long.toString(slowMs),
                "FAUST_BROKER_MAX_POLL_INTERVAL", Long.toString(maxPollSeconds),
                "FAUST_BLOCKING_TIMEOUT", Double.toString(slowMs / 2000.0)))).awaitReady();

        long t0 = System.nanoTime();
        kafka.load(in(), events, 1_000).await(Duration.ofMinutes(2)); // all at once: one poll fetches them all
        Duration atMost = Duration.ofMillis(events * slowMs * 3 + 60_000);
        await("every event in the output").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .failFast(() -> assertThat(w.process.isAlive()).as(w.output()).isTrue())
                .until(() -> new HashSet<>(FaultKafka.seqs(kafka.readAll(out(), n -> true, Duration.ofSeconds(10))))
                        .size() >= events);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        List<Long> seqs = FaultKafka.seqs(kafka.readAll(out(), n -> n >= events, Duration.ofSeconds(30)));
        Set<Long> distinct = new HashSet<>(seqs);
        long lost = 0;
        for (long s = 0; s < events; s++) {
            if (!distinct.contains(s)) {
                lost++;
            }
        }
        String log = w.err();
        long revoked = log.lines().filter(l -> l.contains("Rebalance: revoked ") || l.contains("lost ") && l.contains("hand-over"))
                .count();
        long assigned = log.lines().filter(l -> l.contains("Rebalance: assigned ")).count();
        long blocking = log.lines().filter(l -> l.contains("blocking detected: agent " + in() + " ")).count();
        boolean pollTimeout = log.contains("poll timeout") || log.contains("max.poll.interval.ms");
        w.signal("TERM");
        int exit = w.awaitExit(Duration.ofSeconds(60));

        new FaultReport("slow-agent")
                .put("events in", events)
                .put("events out", seqs.size())
                .put("lost", lost)
                .put("duplicated", seqs.size() - distinct.size())
                .put("time to recover", "all processed " + elapsedMs + " ms after the send (" + slowMs
                        + " ms each, " + (events * slowMs / 1000) + " s of work, max poll interval " + maxPollSeconds
                        + " s)")
                .put("group", assigned + " assignment(s), " + revoked + " revocation(s)/loss(es), poll timeout "
                        + (pollTimeout ? "logged" : "never"))
                .put("blocking warnings", blocking)
                .put("notes", "1 worker, " + PARTITIONS + " partitions, events " + slowMs
                        + " ms each, all fetched at once, max poll interval " + maxPollSeconds + " s")
                .write();

        assertThat(lost).as("events lost").isZero();
        assertThat(seqs.size() - distinct.size()).as("events redone (the worker was never evicted)").isZero();
        assertThat(revoked).as("partitions revoked or lost: " + log).isZero();
        assertThat(assigned).as("one assignment: no rebalance").isEqualTo(1);
        assertThat(pollTimeout).as("no poll-timeout eviction in the log").isFalse();
        assertThat(blocking).as("the blocking detector names the agent").isPositive();
        assertThat(exit).isZero();
    }
}
