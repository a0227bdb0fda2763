package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broker outage (issue 16): the dev broker runs in its own process; under load it is stopped for a while and
 * started again on the same port and data. The workers stay up, resume by themselves, lose nothing, and each
 * says so in ONE line per outage (and one when the broker is back) instead of a warning per reconnect attempt.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BrokerOutageFaultIT extends FaultTest {
    private static final int PARTITIONS = 4;

    @Test
    void workersRideOutABrokerStoppedUnderLoad() throws Exception {
        long events = param("events", 8_000, 100_000);
        long outageSeconds = param("outage.seconds", 4, 30);
        long before = param("outage.after.seconds", 4, 10);
        int rate = (int) param("rate", 800, 1_500);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String servers = "localhost:" + port;
        Launched broker = broker("broker", port, dir.resolve("broker-data"));
        FaultKafka kafka = new FaultKafka(servers);
        kafka.createTopic(in(), PARTITIONS);
        Map<String, String> env = Map.of("FAUST_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        List<Launched> workers = List.of(start(worker("w0", "kafka://" + servers, env)),
                start(worker("w1", "kafka://" + servers, env)));
        workers.forEach(Launched::awaitReady);

        FaultKafka.Load load = kafka.load(in(), events, rate);
        Thread.sleep(TimeUnit.SECONDS.toMillis(before));
        long outAtStop = kafka.readAll(out(), n -> true, Duration.ofSeconds(10)).size();
        long stoppedAt = System.currentTimeMillis();
        // the long form stops the broker (TERM); the short one crashes it (KILL: quicker, and log recovery after)
        String stop = System.getProperty("faults.broker.stop", longForm() ? "TERM" : "KILL");
        broker.signal(stop);
        int brokerExit = broker.awaitExit(Duration.ofSeconds(60));
        if (stop.equals("TERM")) {
            assertThat(brokerExit).as(broker.output()).isZero();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(outageSeconds));
        for (Launched w : workers) {
            assertThat(w.process.isAlive()).as("worker up during the outage: " + w.output()).isTrue();
        }
        Launched again = broker("broker-again", port, dir.resolve("broker-data"));
        long backAt = System.currentTimeMillis();
        long[] resumedAt = {0};
        await("output moves again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    boolean moved = kafka.readAll(out(), n -> true, Duration.ofSeconds(10)).size() > outAtStop;
                    if (moved) {
                        resumedAt[0] = System.currentTimeMillis();
                    }
                    return moved;
                });
        load.await(Duration.ofMinutes(10));
        await("every event in the output").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> new HashSet<>(FaultKafka.seqs(kafka.readAll(out(), n -> true, Duration.ofSeconds(20))))
                        .size() >= events);
        List<Long> seqs = FaultKafka.seqs(kafka.readAll(out(), n -> n >= events, Duration.ofSeconds(30)));
        Set<Long> distinct = new HashSet<>(seqs);
        long lost = 0;
        for (long s = 0; s < events; s++) {
            if (!distinct.contains(s)) {
                lost++;
            }
        }
        List<Integer> lostLines = new ArrayList<>();
        List<Integer> backLines = new ArrayList<>();
        List<Long> stackLines = new ArrayList<>();
        List<Long> kafkaWarnings = new ArrayList<>();
        for (Launched w : workers) {
            assertThat(w.process.isAlive()).as("worker up after the outage: " + w.output()).isTrue();
            lostLines.add(logTimes(w, "lost the connection to the broker").size());
            backLines.add(logTimes(w, "answers again after").size());
            stackLines.add(stackTraceLines(w));
            kafkaWarnings.add(w.err().lines().filter(l -> l.contains("[WARN] o.a") || l.contains("[WARN] org.apache"))
                    .count());
        }
        for (Launched w : workers) {
            w.signal("TERM");
        }
        List<Integer> exits = new ArrayList<>();
        for (Launched w : workers) {
            exits.add(w.awaitExit(Duration.ofSeconds(60)));
        }
        again.signal("TERM");
        again.awaitExit(Duration.ofSeconds(60));

        new FaultReport("broker-outage")
                .put("events in", events)
                .put("events out", seqs.size())
                .put("lost", lost)
                .put("duplicated", seqs.size() - distinct.size())
                .put("outage", (backAt - stoppedAt) + " ms (broker " + stop + ", restarted, ready)")
                .put("time to recover", (resumedAt[0] - backAt) + " ms from the broker ready to output moving")
                .put("log lines per worker", "lost " + lostLines + ", back " + backLines + ", stack-trace lines "
                        + stackLines + ", Kafka client warnings " + kafkaWarnings)
                .put("notes", "2 workers, " + PARTITIONS + " partitions, " + rate + " events/s, broker down "
                        + outageSeconds + " s (" + stop + ") then restarted")
                .write();

        assertThat(lost).as("events lost").isZero();
        assertThat(lostLines).as("one 'lost the connection' line per worker and outage").containsOnly(1);
        assertThat(backLines).as("one 'answers again' line per worker").containsOnly(1);
        assertThat(stackLines).as("no stack traces in the workers' logs; the first one: "
                + workers.stream().map(FaultTest::firstStackTrace).reduce("", String::concat)).containsOnly(0L);
        assertThat(exits).as("warm stops at the end").containsOnly(0);
        if (exactlyOnce()) {
            assertThat(seqs.size() - distinct.size()).as("duplicates under exactly-once").isZero();
        }
    }
}
