package faust.agents.internal;

import faust.Indexed;
import faust.KeyValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Runs a compiled operator chain over the deliveries of an agent instance's root stream, on the agent's
 * thread: takes a delivery, runs the operators of the stage that reads its topic, and either hands a value
 * to the loop, drops it, or sends it on ({@code groupBy}/{@code through}: the stage that reads that topic
 * gets it back from Kafka). A {@code flatMap} pushes the values of one delivery on a small stack, consumed
 * before the next delivery is taken. The root ({@link StreamImpl}) decides when deliveries are acknowledged.
 *
 * @param <T> what the loop gets: values, events or key/value pairs
 */
final class Cursor<T> implements Iterator<T> {
    static final int VALUES = 0;
    static final int EVENTS = 1;
    static final int ITEMS = 2;
    /** No deadline: wait for the next event as long as the stream is open. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final StreamImpl<?, ?> root;
    private final Pipeline pipeline;
    private final int kind;
    private final boolean noack;
    private Pipeline.Stage stage;
    private Delivery<?, ?> delivery;
    private long index;
    private boolean ready;
    private Object outKey;
    private Object outValue;
    // values still to run through the chain, of the delivery being expanded by flatMap (top = next)
    private int[] stackOps;
    private Object[] stackKeys;
    private Object[] stackValues;
    private int stackSize;

    Cursor(StreamImpl<?, ?> root, Pipeline pipeline, int kind, boolean noack) {
        this.root = root;
        this.pipeline = pipeline;
        this.kind = kind;
        this.noack = noack;
    }

    @Override
    public boolean hasNext() {
        if (ready) {
            return true;
        }
        try {
            ready = produce(NO_DEADLINE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamImpl.StreamInterrupted();
        }
        return ready;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream ended");
        }
        ready = false;
        root.handedOut();
        return element();
    }

    /**
     * Runs the chain until a value reaches the loop.
     *
     * @param deadline {@link faust.internal.Clock#nanoTime()} until which to wait for events, or
     *     {@link #NO_DEADLINE}
     * @return true when a value is ready ({@link #element()}); false when the stream ended or the deadline passed
     * @throws InterruptedException when interrupted while waiting
     */
    boolean produce(long deadline) throws InterruptedException {
        while (true) {
            while (stackSize > 0) {
                int i = --stackSize;
                Object k = stackKeys[i];
                Object v = stackValues[i];
                stackKeys[i] = null;
                stackValues[i] = null;
                if (run(stackOps[i], k, v)) {
                    return true;
                }
            }
            root.leave();
            Delivery<?, ?> d = root.take(deadline);
            if (d == null) {
                delivery = null;
                return false;
            }
            delivery = d;
            stage = pipeline.stageOf(d.topic());
            root.begin(d, noack && stage.terminal());
            if (run(0, d.key(), d.value())) {
                return true;
            }
        }
    }

    /** Runs the stage's operators from {@code i} on one value; true when it reached the loop. */
    private boolean run(int i, Object key, Object value) {
        Op[] ops = stage.ops();
        for (; i < ops.length; i++) {
            switch (ops[i]) {
                case Op.Filter f -> {
                    if (!f.keep().test(value)) {
                        return false;
                    }
                }
                case Op.MapValue m -> value = m.fn().apply(value);
                case Op.FlatMap fm -> {
                    push(i + 1, key, fm.fn().apply(value));
                    return false;
                }
                case Op.Enumerate e -> value = new Indexed<>(index++, value);
                case Op.Echo e -> {
                    for (var t : e.topics()) {
                        // Durable before the event's offset is committed: the commit flushes the producer first.
                        t.sendObjects(null, value, Map.of());
                    }
                }
                case Op.Forward f -> throw new IllegalStateException("a stage holds no forward: " + f);
            }
        }
        if (stage.out() != null) {
            forward(key, value);
            return false;
        }
        outKey = key;
        outValue = value;
        root.yielded();
        return true;
    }

    /** Sends a value to the next stage's topic; the delivery is acked once the broker acked that record too. */
    private void forward(Object key, Object value) {
        Op.Forward f = stage.out();
        Delivery<?, ?> d = delivery;
        Object newKey = f.key() == null ? key : f.key().apply(value);
        byte[] k = stage.rawKeys() && newKey == d.key() ? d.rawKey() : f.to().encodeKeyObject(newKey);
        byte[] v = stage.rawValues() && value == d.value() ? d.rawValue() : f.to().encodeValueObject(value);
        d.retain();
        d.tracker().hold();
        try {
            f.to().sendRaw(k, v, d.headers(), d);
        } catch (RuntimeException e) { // a sender that throws instead of reporting the failure
            d.accept(null, e);
            throw e;
        }
    }

    private void push(int op, Object key, Iterable<?> values) {
        if (values == null) {
            return;
        }
        List<?> list;
        if (values instanceof List<?> l) {
            list = l;
        } else {
            List<Object> copy = new ArrayList<>();
            values.forEach(copy::add);
            list = copy;
        }
        int n = list.size();
        if (stackOps == null || stackSize + n > stackOps.length) {
            grow(stackSize + n);
        }
        for (int j = n - 1; j >= 0; j--) {
            stackOps[stackSize] = op;
            stackKeys[stackSize] = key;
            stackValues[stackSize] = list.get(j);
            stackSize++;
        }
    }

    private void grow(int min) {
        int cap = Math.max(16, Integer.highestOneBit(Math.max(1, min - 1)) << 1);
        int[] o = new int[cap];
        Object[] k = new Object[cap];
        Object[] v = new Object[cap];
        if (stackOps != null) {
            System.arraycopy(stackOps, 0, o, 0, stackSize);
            System.arraycopy(stackKeys, 0, k, 0, stackSize);
            System.arraycopy(stackValues, 0, v, 0, stackSize);
        }
        stackOps = o;
        stackKeys = k;
        stackValues = v;
    }

    /** @return the value {@link #produce} made ready, in the form the loop asked for */
    @SuppressWarnings({"unchecked", "rawtypes"})
    T element() {
        return switch (kind) {
            case VALUES -> (T) outValue;
            case EVENTS -> {
                var base = root.currentEvent();
                yield (T) (outKey == delivery.key() && outValue == delivery.value() ? base
                        : new EventView(base, outKey, outValue));
            }
            default -> (T) new KeyValue<>(outKey, outValue);
        };
    }
}
