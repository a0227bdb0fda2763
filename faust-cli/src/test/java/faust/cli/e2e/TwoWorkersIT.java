package faust.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's "many workers on one machine": two workers with their own {@code --datadir} and
 * {@code --web-port} split the partitions; a third given a datadir in use and a fourth given a port in use
 * are refused at once with one line naming the option and status 2; INT and TERM stop the two warm.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoWorkersIT extends E2eTest {
    @Test
    void twoWorkersShareThePartitionsAndAUsedDatadirOrWebPortIsRefused() {
        long t0 = System.nanoTime();
        List<Launched> two = start(worker("worker1", Map.of()), worker("worker2", Map.of()));
        Launched w1 = two.get(0);
        Launched w2 = two.get(1);
        int port1 = w1.webPort();
        int port2 = w2.webPort();
        assertThat(port1).isNotEqualTo(port2).isPositive();
        // the banner shows the launcher's pid: the one to signal
        assertThat(w1.out()).containsPattern("(?m)^pid\\s+" + w1.pid() + "$");
        parallel(two, Launched::awaitReady);

        await("the partitions split over both workers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    Set<Integer> a1 = assignment(port1);
                    Set<Integer> a2 = assignment(port2);
                    assertThat(a1).as("worker1").isNotEmpty();
                    assertThat(a2).as("worker2").isNotEmpty();
                    Set<Integer> all = new HashSet<>(a1);
                    all.addAll(a2);
                    assertThat(all).hasSize(PARTITIONS);
                    assertThat(a1.size() + a2.size()).isEqualTo(PARTITIONS);
                });
        figure("two workers started and split the partitions", msSince(t0), "ms");
        assertThat(health(port1)).isEqualTo(200);
        assertThat(health(port2)).isEqualTo(200);
        Set<Integer> of1 = assignment(port1);

        List<E2eApp.Done> sent = Kafka.send(topic, events(40));
        await("all events processed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> E2eApp.done(w1).size() + E2eApp.done(w2).size() >= sent.size());
        List<E2eApp.Done> done1 = E2eApp.done(w1);
        List<E2eApp.Done> done2 = E2eApp.done(w2);
        assertThat(done1).as("worker1 processed its partitions only").isNotEmpty()
                .allMatch(d -> of1.contains(d.partition()));
        assertThat(done2).as("worker2 processed the others").isNotEmpty()
                .noneMatch(d -> of1.contains(d.partition()));
        assertThat(keys(done1)).doesNotContainAnyElementsOf(keys(done2));
        assertThat(done1.size() + done2.size()).isEqualTo(sent.size());
        Set<String> union = new HashSet<>(keys(done1));
        union.addAll(keys(done2));
        assertThat(union).isEqualTo(keys(sent));

        // a third worker on worker1's datadir, a fourth on worker1's web port: refused at once
        long t1 = System.nanoTime();
        List<Launched> refused = start(refusable("worker3", "worker1-data", 0),
                refusable("worker4", "worker4-data", port1));
        Launched w3 = refused.get(0);
        Launched w4 = refused.get(1);
        List<Integer> statuses = parallel(refused, l -> l.awaitExit(Duration.ofSeconds(60)));
        figure("a used datadir and a used web port refused", msSince(t1), "ms");
        assertThat(statuses.get(0)).as(w3.output()).isEqualTo(2);
        assertThat(statuses.get(1)).as(w4.output()).isEqualTo(2);
        assertThat(w3.err().lines().toList()).as(w3.output()).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("--datadir")
                .contains(dir.resolve("worker1-data").toString())
                .contains("(pid " + w1.pid() + ")"); // the holder as the banner shows it: the launcher
        assertThat(w4.err().lines().toList()).as(w4.output()).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("--web-port")
                .contains(Integer.toString(port1));
        assertThat(w3.out()).as("no banner").isEmpty();
        assertThat(w1.process.isAlive()).as("worker1 untouched").isTrue();

        // INT one, TERM the other: both warm shutdowns, status 0
        long t2 = System.nanoTime();
        w1.signal("INT");
        w2.signal("TERM");
        List<Integer> exits = parallel(two, l -> l.awaitExit(Duration.ofSeconds(60)));
        figure("INT and TERM to exit", msSince(t2), "ms");
        assertThat(exits.get(0)).as(w1.output()).isZero();
        assertThat(exits.get(1)).as(w2.output()).isZero();
        assertThat(w1.err()).contains("SIGINT received: warm shutdown");
        assertThat(w2.err()).contains("SIGTERM received: warm shutdown");
        assertThat(Kafka.committed(appId, topic)).as("everything committed").isEqualTo(
                Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L));
    }

    /** The seed's command line at the default log level, so stderr shows only what the user must read. */
    private Launched.Spec refusable(String name, String datadir, int webPort) {
        return new Launched.Spec(name, dir, worker(name, Map.of()).env(), List.of("--broker=" + Kafka.url(),
                "-W", dir.toString(), "--datadir=" + dir.resolve(datadir), "-A", "e2eapp", "worker",
                "--web-port=" + webPort), false);
    }
}
