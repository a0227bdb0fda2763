package faust.tables.internal;

import faust.SendResult;
import faust.internal.Sender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A sender for table tests: writes each changelog record as {@code partition:key=value} into a list. */
final class RecordingSender implements Sender {
    private final List<String> changelog;

    /** @param changelog where the records go, in order */
    RecordingSender(List<String> changelog) {
        this.changelog = changelog;
    }

    @Override
    public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                              Map<String, byte[]> headers) {
        changelog.add(partition + ":" + new String(key, StandardCharsets.UTF_8) + "="
                + (value == null ? null : new String(value, StandardCharsets.UTF_8)));
        return CompletableFuture.completedFuture(new SendResult(topic, partition, changelog.size() - 1, 0));
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean standalone() {
        return false;
    }

    @Override
    public void close() {
    }
}
