package faust.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionTrackerTest {
    private final PartitionTracker tracker = new PartitionTracker("orders", 3);

    private void deliver(long... offsets) {
        tracker.delivered(offsets, offsets.length);
    }

    @Test
    void nothingToCommitBeforeAnythingWasDelivered() {
        assertThat(tracker.committable()).isEqualTo(-1);
        assertThat(tracker.toCommit()).isEqualTo(-1);
    }

    @Test
    void commitsOnePastTheLastOffsetWhenAllAreAcked() {
        deliver(10, 11, 12);
        tracker.ack(10);
        tracker.ack(11);
        tracker.ack(12);
        assertThat(tracker.toCommit()).isEqualTo(13);
    }

    @Test
    void anInFlightOffsetAtTheHeadBlocksTheCommitEvenWhenLaterOnesAreAcked() {
        deliver(0, 1, 2, 3);
        tracker.ack(1);
        tracker.ack(2);
        tracker.ack(3);
        assertThat(tracker.toCommit()).as("offset 0 is still being processed").isEqualTo(0);
        tracker.ack(0);
        assertThat(tracker.toCommit()).isEqualTo(4);
    }

    @Test
    void outOfOrderAcksWithConcurrencyCommitOnlyTheContiguousPrefix() {
        deliver(100, 101, 102, 103, 104);
        tracker.ack(102);
        tracker.ack(100);
        assertThat(tracker.committable()).isEqualTo(101);
        tracker.ack(104);
        assertThat(tracker.committable()).isEqualTo(101);
        tracker.ack(101);
        assertThat(tracker.committable()).as("103 still in flight").isEqualTo(103);
        tracker.ack(103);
        assertThat(tracker.committable()).isEqualTo(105);
    }

    @Test
    void gapsInOffsetsFromCompactionDoNotBlockTheCommit() {
        deliver(5, 9, 20);
        tracker.ack(5);
        tracker.ack(9);
        assertThat(tracker.committable()).isEqualTo(20);
        tracker.ack(20);
        assertThat(tracker.committable()).isEqualTo(21);
    }

    @Test
    void aCommitIsOfferedOnlyWhenTheOffsetAdvanced() {
        deliver(0, 1);
        tracker.ack(0);
        assertThat(tracker.toCommit()).isEqualTo(1);
        tracker.committed(1);
        assertThat(tracker.toCommit()).isEqualTo(-1);
        tracker.ack(1);
        assertThat(tracker.toCommit()).isEqualTo(2);
    }

    @Test
    void duplicateAndUnknownAcksAreIgnored() {
        deliver(0, 1, 2);
        tracker.ack(1);
        tracker.ack(1);
        tracker.ack(77);
        assertThat(tracker.committable()).isZero();
        tracker.ack(0);
        assertThat(tracker.committable()).isEqualTo(2);
    }

    @Test
    void revokeInTheMiddleStopsNewWorkAndCommitsOnlyWhatWasFinished() throws InterruptedException {
        deliver(0, 1, 2, 3, 4);
        assertThat(tracker.begin()).isTrue(); // agent takes 0
        tracker.end();
        tracker.ack(0);
        assertThat(tracker.begin()).isTrue(); // agent is processing 1
        tracker.revoke();
        assertThat(tracker.begin()).as("buffered events of a revoked partition are skipped").isFalse();
        assertThat(tracker.awaitIdle(System.nanoTime() + 1_000_000, faust.internal.Clock.SYSTEM)).as("1 is still in flight").isFalse();
        tracker.end();
        tracker.ack(1);
        assertThat(tracker.awaitIdle(System.nanoTime() + 1_000_000, faust.internal.Clock.SYSTEM)).isTrue();
        assertThat(tracker.toCommit()).as("2..4 were never processed: the new owner redoes them").isEqualTo(2);
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        long[] offs = new long[10_000];
        for (int i = 0; i < offs.length; i++) {
            offs[i] = i;
        }
        tracker.delivered(offs, offs.length);
        for (int i = offs.length - 1; i >= 1; i--) {
            tracker.ack(i);
        }
        assertThat(tracker.committable()).isZero();
        tracker.ack(0);
        assertThat(tracker.committable()).isEqualTo(10_000);
        assertThat(tracker.outstanding()).isZero();
    }
}
