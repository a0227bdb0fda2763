package faust.devbroker.internal;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaProbeTest {
    @Test
    void parsesBootstrapServerLists() {
        assertThat(KafkaProbe.parse("localhost:9092")).containsExactly(new KafkaProbe.HostPort("localhost", 9092));
        assertThat(KafkaProbe.parse("kafka://a:1, b:2;kafka://c:3/"))
                .containsExactly(new KafkaProbe.HostPort("a", 1), new KafkaProbe.HostPort("b", 2),
                        new KafkaProbe.HostPort("c", 3));
        assertThat(KafkaProbe.parse("[::1]:9092")).containsExactly(new KafkaProbe.HostPort("::1", 9092));
        assertThat(new KafkaProbe.HostPort("::1", 9092)).hasToString("[::1]:9092");
    }

    @Test
    void rejectsWhatIsNotHostAndPort() {
        assertThatThrownBy(() -> KafkaProbe.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaProbe.parse("localhost:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaProbe.parse("localhost:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaProbe.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingListeningIsAQuickNo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long begin = System.nanoTime();
        assertThat(KafkaProbe.answers("localhost", port, Duration.ofSeconds(5))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        assertThat(KafkaProbe.answers("no-such-host.invalid:9092", Duration.ofSeconds(2))).isFalse();
    }
}
