package faust.spi;

import faust.SendResult;
import faust.internal.Clock;
import faust.internal.PendingReplies;
import faust.internal.Replies;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Replies without Kafka, for the harness: a reply the agent sends to the app's reply topic (through the harness's
 * {@link RecordSender}) completes its request right there; a virtual thread fails requests whose time ran out.
 */
final class LocalReplies implements Replies {
    private static final Duration TICK = Duration.ofMillis(20);

    private final String topic;
    private final PendingReplies pending;
    private final Thread sweeper;

    LocalReplies(String topic, Clock clock) {
        this.topic = topic;
        this.pending = new PendingReplies(clock);
        this.sweeper = Thread.ofVirtual().name("faust-replies").start(this::sweep);
    }

    private void sweep() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            pending.expire();
        }
    }

    /**
     * @param sender where the app's records go
     * @return a sender that also hands replies sent to the reply topic to the waiting requests
     */
    RecordSender capturing(RecordSender sender) {
        return new RecordSender() {
            @Override
            public CompletableFuture<SendResult> send(String t, Integer partition, byte[] key, byte[] value,
                                                      Map<String, byte[]> headers) {
                CompletableFuture<SendResult> f = sender.send(t, partition, key, value, headers);
                if (t.equals(topic)) {
                    pending.accept(value);
                }
                return f;
            }

            @Override
            public void flush() {
                sender.flush();
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public PendingReplies pending() {
        return pending;
    }

    @Override
    public void close() {
        sweeper.interrupt();
        pending.failAll("the agent's tester was closed");
    }
}
