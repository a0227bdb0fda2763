package faust.bench.cases;

import faust.App;
import faust.Event;
import faust.Topic;
import faust.bench.CaseArgs;

/**
 * An agent that forwards every event to the output topic, run as a real worker:
 * <pre>{@code
 * for (Event<byte[], byte[]> e : stream.events()) out.send(e.key(), e.value());
 * }</pre>
 * Raw codecs for key and value; the send's future is not waited for (the worker flushes the producer
 * before it commits). The sensors are on, as by default; {@code faust-passthrough-nometrics} runs it with
 * {@code metrics_enabled=false}, to measure what they cost.
 */
public final class FaustPassthrough extends ThroughputCase {
    private final boolean metrics;

    /** The case as users run it: the sensors on (the default). */
    public FaustPassthrough() {
        this(true);
    }

    /** @param metrics false for {@code faust-passthrough-nometrics}: the same worker with {@code metrics_enabled=false} */
    public FaustPassthrough(boolean metrics) {
        this.metrics = metrics;
    }

    /**
     * @param a the arguments
     * @param input the topic the agent reads
     * @param output the topic it writes
     * @param meter started at the first event, or null
     * @return the app
     */
    static App app(CaseArgs a, String input, String output, Meter meter) {
        App app = App.create(a.prefix());
        Topic<byte[], byte[]> in = app.topic(input, byte[].class, byte[].class, t -> t.valueCodec("raw"));
        Topic<byte[], byte[]> out = app.topic(output, byte[].class, byte[].class, t -> t.valueCodec("raw"));
        app.agent(in, stream -> {
            boolean first = true;
            for (Event<byte[], byte[]> e : stream.events()) {
                if (first && meter != null) {
                    meter.begin();
                    first = false;
                }
                out.send(e.key(), e.value());
            }
        });
        return app;
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        return FaustRunner.start(app(a, a.input(), output, meter), a, false, metrics);
    }
}
