package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.devbroker.junit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KILL loop (issue 16): three workers through {@code bin/faust}; while events flow, a random worker is KILLed
 * (the launcher, as a user or an OOM killer would) and started again on its datadir every few seconds. At the
 * end every event is in the pass-through's output (0 lost) and the count table counted each at least once;
 * duplicates are counted and reported (at-least-once redoes what was not committed).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class KillLoopFaultIT extends FaultTest {
    private static final int PARTITIONS = 6;

    @Test
    void randomWorkersKilledAndRestartedLoseNoEvent() throws Exception {
        long events = param("events", 15_000, 500_000);
        long killSeconds = param("kill.seconds", 12, 60);
        long killEvery = param("kill.every.ms", 3_000, 5_000);
        int rate = (int) Math.max(1, events / Math.max(1, killSeconds + 5));
        String broker = "kafka://" + EmbeddedKafka.bootstrapServers();
        FaultKafka kafka = new FaultKafka(EmbeddedKafka.bootstrapServers());
        kafka.createTopic(in(), PARTITIONS);

        Map<String, String> env = Map.of("FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        Launched[] workers = new Launched[3];
        List<Launched> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers[i] = start(worker("w" + i, broker, env));
            all.add(workers[i]);
        }
        for (Launched w : workers) {
            w.awaitReady();
        }

        FaultKafka.Load load = kafka.load(in(), events, rate);
        Random random = new Random(Long.getLong("faults.seed", 16L));
        int[] restarts = new int[3];
        List<Long> killedAt = new ArrayList<>();
        List<Launched> restarted = new ArrayList<>();
        long loopEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(killSeconds);
        long minKills = param("kills.min", 3, 10);
        // at least minKills: on a loaded machine a KILLed JVM can take seconds to halt, and the time runs out
        while (System.nanoTime() < loopEnd || killedAt.size() < minKills) {
            Thread.sleep(killEvery);
            int i = random.nextInt(3);
            Launched victim = workers[i];
            java.util.Optional<ProcessHandle> jvm = victim.jvm();
            killedAt.add(System.currentTimeMillis());
            victim.signal("KILL");
            victim.awaitExit(Duration.ofSeconds(10));
            // the JVM notices its launcher is gone and halts; until then it holds the datadir (a loaded
            // machine can take seconds), and a worker started on it now would be refused
            jvm.ifPresent(h -> await(victim.name + "'s JVM halted").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> !h.isAlive()));
            restarts[i]++;
            workers[i] = start(worker("w" + i + "-" + restarts[i], broker, dir.resolve("w" + i + "-data"), env));
            all.add(workers[i]);
            restarted.add(workers[i]);
        }
        load.await(Duration.ofMinutes(10));
        long lastSent = System.nanoTime();
        for (Launched w : workers) {
            w.awaitReady();
        }

        // every event out, and every key counted (the table's newest values reach the numbers sent)
        Duration drain = Duration.ofSeconds(longForm() ? 300 : 120);
        await("every event in the output").atMost(drain).pollInterval(Duration.ofSeconds(1))
                .until(() -> distinctOut(kafka, events) >= events);
        long drainMs = (System.nanoTime() - lastSent) / 1_000_000;
        List<ConsumerRecord<byte[], byte[]>> output = kafka.readAll(out(), n -> n >= events, Duration.ofSeconds(30));
        List<Long> seqs = FaultKafka.seqs(output);
        Set<Long> distinct = new HashSet<>(seqs);
        long lost = 0;
        for (long s = 0; s < events; s++) {
            if (!distinct.contains(s)) {
                lost++;
            }
        }
        Map<String, Long> expected = new HashMap<>();
        for (long s = 0; s < events; s++) {
            expected.merge(FaultKafka.key(s), 1L, Long::sum);
        }
        await("the count table caught up").atMost(drain).pollInterval(Duration.ofSeconds(1))
                .until(() -> tableShortfall(kafka, expected) == 0);
        Map<String, Long> counts = FaultKafka.latestCounts(kafka.readAll(changelog(), n -> true, Duration.ofSeconds(30)));
        long tableLost = 0;
        long tableExtra = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            long got = counts.getOrDefault(e.getKey(), 0L);
            tableLost += Math.max(0, e.getValue() - got);
            tableExtra += Math.max(0, got - e.getValue());
        }
        long maxRecover = 0;
        for (int k = 0; k < restarted.size(); k++) {
            List<Long> ready = logTimes(restarted.get(k), "worker ready");
            if (!ready.isEmpty()) {
                maxRecover = Math.max(maxRecover, ready.get(0) - killedAt.get(k));
            }
        }

        for (Launched w : workers) {
            w.signal("TERM");
        }
        List<Integer> exits = new ArrayList<>();
        for (Launched w : workers) {
            exits.add(w.awaitExit(Duration.ofSeconds(60)));
        }
        new FaultReport("kill-loop")
                .put("events in", events)
                .put("events out", seqs.size())
                .put("lost", lost)
                .put("duplicated", seqs.size() - distinct.size())
                .put("table lost", tableLost)
                .put("table over-count", tableExtra)
                .put("kills", killedAt.size())
                .put("time to recover", "restart to ready ≤ " + maxRecover + " ms; drain " + drainMs + " ms")
                .put("notes", "3 workers, " + PARTITIONS + " partitions, KILL every " + killEvery + " ms for "
                        + killSeconds + " s, " + rate + " events/s; table over-count " + tableExtra)
                .write();

        assertThat(lost).as("events lost").isZero();
        assertThat(tableLost).as("counts lost").isZero();
        assertThat(exits).as("warm stops at the end").containsOnly(0);
        assertThat(killedAt).as("kills").hasSizeGreaterThanOrEqualTo((int) minKills);
        if (exactlyOnce()) {
            assertThat(seqs.size() - distinct.size()).as("duplicates under exactly-once").isZero();
            assertThat(tableExtra).as("over-counts under exactly-once").isZero();
        }
    }

    private static long distinct(List<Long> seqs) {
        return new HashSet<>(seqs).size();
    }

    private long distinctOut(FaultKafka kafka, long events) {
        return distinct(FaultKafka.seqs(kafka.readAll(out(), n -> true, Duration.ofSeconds(20))));
    }

    private long tableShortfall(FaultKafka kafka, Map<String, Long> expected) {
        Map<String, Long> counts = FaultKafka.latestCounts(kafka.readAll(changelog(), n -> true, Duration.ofSeconds(20)));
        long missing = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            missing += Math.max(0, e.getValue() - counts.getOrDefault(e.getKey(), 0L));
        }
        return missing;
    }
}
