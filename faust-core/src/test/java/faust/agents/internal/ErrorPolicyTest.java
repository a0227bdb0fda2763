package faust.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.codecs.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A flood of bad input is one log line per message, not a stack trace per message; every one is a dead letter. */
class ErrorPolicyTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ErrorPolicy.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<String> dead = new ArrayList<>();
    private final ErrorPolicy policy = new ErrorPolicy(ErrorPolicy.Kind.DEAD_LETTER,
            (topic, k, v, headers) -> dead.add(new String(headers.get("faust.error"))), "app-__dead-letter", why -> { });
    private final PartitionTracker tracker = new PartitionTracker("in", 0);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private Delivery<byte[], Object> at(long offset) {
        return new Delivery<>(tracker, offset, 0L, null, null, null, new byte[] {'{'}, Map.of(), 1);
    }

    private static RuntimeException thrownHere(String message) {
        return new IllegalArgumentException(message);
    }

    @Test
    void undecodableMessagesAreOneLineEachAndAgentFailuresHaveOneStackTracePerKind() {
        for (int i = 0; i < 100; i++) {
            assertThat(policy.handleUndecodable("decoding in as Ev", at(i), new CodecException("not JSON " + i)))
                    .isTrue();
        }
        for (int i = 100; i < 200; i++) {
            assertThat(policy.handle("agent process", at(i), thrownHere("too large " + i))).isTrue();
        }
        assertThat(dead).hasSize(200).first().asString().contains("not JSON 0");
        assertThat(log.list).hasSize(200)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("sent to dead-letter topic app-__dead-letter"));
        assertThat(log.list.stream().filter(e -> e.getThrowableProxy() != null).count())
                .as("one stack trace for the one kind of agent failure, none for undecodable input").isEqualTo(1);
        assertThat(log.list.get(100).getThrowableProxy()).as("the first agent failure has its trace").isNotNull();
    }
}
