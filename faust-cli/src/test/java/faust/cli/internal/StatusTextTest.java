package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of {@code faust status} from a cluster document. */
class StatusTextTest {
    private static final String CLUSTER = """
            {"self": "http://a:6066", "workers": [
              {"url": "http://a:6066", "status": {"app": "shop", "state": "running", "ready": true, "leader": true,
                 "assignment": ["orders-0", "orders-1"]}, "standby_partitions": [2],
               "metrics_enabled": true,
               "sensors": {"agents": [{"name": "count", "events": 1234, "events_s": 56.5, "buffer": 3,
                   "buffer_max": 4096, "runtime_ms": {"p99": 1.25}, "errors": 0}],
                 "partitions": [{"topic": "orders", "partition": 1, "committed": 90, "end": 100, "lag": 10},
                                {"topic": "orders", "partition": 0, "committed": 50, "end": 50, "lag": 0}],
                 "errors_total": 0, "dead_letters": 0, "commit_ms": {"p99": 12.5},
                 "history": {"t": [1, 2], "events_s": [10, 56.5], "messages_s": [10, 57], "sent_s": [0, 0]}}},
              {"url": "http://b:6066", "status": {"app": "shop", "state": "running", "ready": true, "leader": false,
                 "assignment": ["orders-2"]}, "standby_partitions": [0, 1], "metrics_enabled": false},
              {"url": "http://c:6066", "error": "worker http://c:6066 did not answer (Connection refused)"}]}
            """;

    @Test
    void summaryWorkersAgentsAndEveryPartitionInOrder() throws Exception {
        String text = StatusText.of(new ObjectMapper().readTree(CLUSTER));
        List<String> lines = text.lines().toList();

        assertThat(lines.get(0)).isEqualTo("app shop: 2 workers (1 not answering), 3 partitions, 56.5 events/s, lag 10");
        assertThat(lines.get(1)).contains("did not answer (Connection refused)");
        assertThat(text).containsPattern("http://a:6066\\s+running\\s+yes\\s+2\\s+1\\s+56\\.5\\s+57\\s+0\\s+10\\s+12\\.5");
        assertThat(text).containsPattern("http://b:6066\\s+running\\s+-\\s+1\\s+2\\s+-");
        assertThat(text).containsPattern("http://c:6066\\s+no answer");
        assertThat(text).containsPattern("@count\\s+http://a:6066\\s+56\\.5\\s+1234\\s+3/4096\\s+1\\.3\\s+0");
        List<String> partitions = lines.stream().filter(l -> l.startsWith("orders ")).toList();
        assertThat(partitions).hasSize(3);
        assertThat(partitions.get(0)).containsPattern("orders\\s+0\\s+http://a:6066\\s+50\\s+50\\s+0");
        assertThat(partitions.get(1)).containsPattern("orders\\s+1\\s+http://a:6066\\s+90\\s+100\\s+10");
        assertThat(partitions.get(2)).containsPattern("orders\\s+2\\s+http://b:6066\\s+-\\s+-\\s+-");
    }
}
