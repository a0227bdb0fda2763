package faust.agents.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code take(max, within)}: batches of what a {@link Cursor} produces. A batch is ready when it holds
 * {@code max} values, or when {@code within} passed since its first value (waiting on the agent's buffer with
 * that deadline), or when the stream ends. Its events are acknowledged when the loop asks for the next batch.
 *
 * @param <T> values or events
 */
final class Batches<T> implements Iterator<List<T>> {
    private final StreamImpl<?, ?> root;
    private final Cursor<T> cursor;
    private final int max;
    private final long withinNanos;
    private List<T> ready;
    private boolean done;

    Batches(StreamImpl<?, ?> root, Cursor<T> cursor, int max, Duration within) {
        this.root = root;
        this.cursor = cursor;
        this.max = max;
        long nanos;
        try {
            nanos = within.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        this.withinNanos = Math.min(nanos, Long.MAX_VALUE / 2);
    }

    @Override
    public boolean hasNext() {
        if (ready != null) {
            return true;
        }
        if (done) {
            return false;
        }
        root.startBatch();
        List<T> batch = new ArrayList<>(Math.min(max, 1024));
        long deadline = Cursor.NO_DEADLINE;
        try {
            while (batch.size() < max) {
                if (!cursor.produce(deadline)) {
                    break;
                }
                batch.add(cursor.element());
                if (deadline == Cursor.NO_DEADLINE) {
                    deadline = root.clock().nanoTime() + withinNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamImpl.StreamInterrupted();
        }
        if (batch.isEmpty()) {
            done = true;
            return false;
        }
        root.batchReady();
        ready = batch;
        return true;
    }

    @Override
    public List<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream ended");
        }
        List<T> b = ready;
        ready = null;
        return b;
    }
}
