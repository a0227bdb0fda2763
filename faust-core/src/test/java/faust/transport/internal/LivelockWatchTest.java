package faust.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.agents.internal.PartitionTracker;
import faust.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Faust's livelock warning: one line when a partition's events wait and nothing is committed for too long. */
class LivelockWatchTest {
    private final ManualClock clock = new ManualClock();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LivelockWatch.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final TopicPartition tp = new TopicPartition("orders", 3);
    private final PartitionTracker tracker = new PartitionTracker("orders", 3);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void run(LivelockWatch w, Duration total) {
        for (long s = 0; s < total.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            w.check(Map.of(tp, tracker));
        }
    }

    @Test
    void aPartitionWithWaitingEventsAndNoCommitWarnsOnceThenSaysWhenCommitsResume() {
        LivelockWatch w = new LivelockWatch(clock, Duration.ofSeconds(300).toNanos());
        tracker.delivered(new long[] {10, 11, 12}, 3);
        tracker.committed(10);
        w.check(Map.of(tp, tracker));
        run(w, Duration.ofSeconds(299));
        assertThat(lines()).as("not yet").isEmpty();
        run(w, Duration.ofSeconds(600));
        assertThat(lines()).singleElement().asString()
                .startsWith("nothing of orders-3 committed for 300 s while 3 events wait (committed offset 10")
                .contains("broker_commit_livelock_soft_timeout");
        assertThat(w.warned()).isEqualTo(1);

        tracker.ack(10);
        tracker.committed(11);
        run(w, Duration.ofSeconds(2));
        assertThat(lines()).hasSize(2).last().asString().isEqualTo("offsets of orders-3 are committed again (committed offset 11)");
        assertThat(w.warned()).isZero();
    }

    @Test
    void anIdlePartitionOrOneThatCommitsNeverWarns() {
        LivelockWatch w = new LivelockWatch(clock, Duration.ofSeconds(10).toNanos());
        run(w, Duration.ofSeconds(60)); // nothing fetched: idle, not stuck
        long offset = 0;
        for (int s = 0; s < 60; s++) { // events flow and are committed every second
            tracker.delivered(offset);
            tracker.ack(offset);
            tracker.committed(++offset);
            run(w, Duration.ofSeconds(1));
        }
        assertThat(lines()).isEmpty();
    }

    @Test
    void zeroTurnsItOff() {
        LivelockWatch w = new LivelockWatch(clock, 0);
        tracker.delivered(5);
        run(w, Duration.ofSeconds(3600));
        assertThat(lines()).isEmpty();
    }
}
