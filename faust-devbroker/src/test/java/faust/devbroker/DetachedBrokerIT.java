package faust.devbroker;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DetachedBrokerIT {
    @TempDir
    Path home;

    private DetachedBroker detached;

    @AfterEach
    void stopLeftovers() {
        if (detached != null) {
            detached.stop();
        }
    }

    @Test
    void startStatusStop() throws Exception {
        detached = new DetachedBroker(home);
        DetachedBroker.Status before = detached.status();
        assertThat(before.running()).isFalse();
        assertThat(before.pid()).isEqualTo(-1);
        assertThat(before.dataDir()).isEqualTo(home.toAbsolutePath().resolve("dev-broker/data"));
        assertThat(before.logFile()).isEqualTo(home.toAbsolutePath().resolve("dev-broker/broker.log"));

        DetachedBroker.Status started = detached.start(0);
        assertThat(started.running()).isTrue();
        assertThat(started.port()).isPositive();
        assertThat(started.bootstrapServers()).isEqualTo("localhost:" + started.port());
        assertThat(DetachedBroker.answers(started.bootstrapServers(), Duration.ofSeconds(5))).isTrue();
        assertThat(Files.readString(detached.pidFile()).trim()).isEqualTo(Long.toString(started.pid()));
        assertThat(Files.readString(detached.portFile()).trim()).isEqualTo(Integer.toString(started.port()));
        Optional<ProcessHandle> process = ProcessHandle.of(started.pid());
        assertThat(process).isPresent();
        assertThat(process.get().isAlive()).isTrue();
        assertThat(Files.readString(detached.logFile()))
                .contains("Kafka dev broker ready on localhost:" + started.port()
                        + " (data: " + detached.dataDir() + ")");
        assertThat(detached.dataDir().resolve("meta.properties")).exists();

        assertThat(detached.status()).isEqualTo(started);
        // starting again returns the running one, whatever port was asked for
        assertThat(detached.start(0)).isEqualTo(started);

        assertThat(detached.stop()).isTrue();
        assertThat(process.get().isAlive()).isFalse();
        assertThat(detached.pidFile()).doesNotExist();
        DetachedBroker.Status after = detached.status();
        assertThat(after.running()).isFalse();
        assertThat(DetachedBroker.answers(started.bootstrapServers(), Duration.ofMillis(500))).isFalse();
        assertThat(Files.readString(detached.logFile())).contains("Kafka dev broker stopped");
        assertThat(detached.stop()).isFalse(); // nothing left to stop
    }

    @Test
    void startWithASaslSslListenerShowsHowToConnectUntilItStops() throws Exception {
        detached = new DetachedBroker(home);
        DetachedBroker.Status started = detached.start(0, SecureListeners.saslSsl(0), DetachedBroker.START_TIMEOUT);
        ClientSecurity security = started.security();
        assertThat(security).isNotNull();
        assertThat(security.dir()).isEqualTo(home.toAbsolutePath().resolve("dev-broker/security"));
        assertThat(security.sslPort()).isEqualTo(SecureListeners.OFF);
        assertThat(detached.status()).isEqualTo(started);
        // the broker answers before its process has written the lines on connecting (a race on a loaded machine)
        String expected = "  SASL_SSL       on " + security.saslSslBootstrapServers();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(detached.logFile()).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(detached.logFile()))
                .contains(expected)
                .contains("  user faust, password " + security.password());

        // the SCRAM user exists by the time start returns
        java.util.Map<String, Object> config = new java.util.HashMap<>(security.saslSslProperties("SCRAM-SHA-512"));
        config.put("default.api.timeout.ms", 15_000);
        config.put("request.timeout.ms", 10_000);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config)) {
            assertThat(admin.describeCluster().nodes().get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .extracting(org.apache.kafka.common.Node::port).containsExactly(security.saslSslPort());
        }

        assertThat(detached.stop()).isTrue();
        assertThat(detached.status().security()).isNull();
        assertThat(ClientSecurity.read(security.dir())).isEmpty();
        assertThat(security.truststore()).exists(); // kept for the next start
    }

    @Test
    void startOnAPortInUseFailsWithAClearMessageAndStartsNothing() throws Exception {
        detached = new DetachedBroker(home);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> detached.start(port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("port " + port + " is already in use: ");
        }
        assertThat(detached.pidFile()).doesNotExist();
        assertThat(detached.status().running()).isFalse();
    }

    @Test
    void aBrokerThatCannotStartIsReportedWithItsLogFile() {
        detached = new DetachedBroker(home);
        // an in-process broker holds the detached broker's data dir, so the detached one must give up
        try (DevBroker holder = DevBroker.start(DevBroker.Options.defaults().withPort(0)
                .withDataDir(detached.dataDir()))) {
            assertThat(holder.isRunning()).isTrue();
            assertThatThrownBy(() -> detached.start(0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the Kafka dev broker exited with exit code 1 before it was ready; see "
                            + detached.logFile())
                    .hasMessageContaining("error: data dir " + detached.dataDir()
                            + " is in use by another Kafka broker");
        }
        assertThat(detached.pidFile()).doesNotExist();
        assertThat(detached.status().running()).isFalse();
    }

    @Test
    void staleFilesAreNotMistakenForARunningBroker() throws Exception {
        detached = new DetachedBroker(home);
        Files.createDirectories(detached.directory());
        // the pid of this test JVM: alive, but not a dev broker
        Files.writeString(detached.pidFile(), Long.toString(ProcessHandle.current().pid()));
        Files.writeString(detached.portFile(), "1");
        assertThat(detached.status().running()).isFalse();
        assertThat(detached.stop()).isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(detached.pidFile()).doesNotExist();
    }
}
