package faust.bench.cases;

import faust.App;
import faust.Event;
import faust.Topic;
import faust.bench.CaseArgs;
import java.time.Duration;
import java.util.List;

/**
 * {@link FaustPassthrough} with the batch loop users write for bulk writes: {@code take(100, 1 s)}, then every
 * event of the batch forwarded to the output topic; the events of a batch are acknowledged when the loop asks
 * for the next one.
 * <pre>{@code
 * for (List<Event<byte[], byte[]>> batch : stream.takeEvents(100, Duration.ofSeconds(1)))
 *     for (Event<byte[], byte[]> e : batch) out.send(e.key(), e.value());
 * }</pre>
 */
public final class FaustTakePassthrough extends ThroughputCase {

    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        App app = App.create(a.prefix());
        Topic<byte[], byte[]> in = app.topic(a.input(), byte[].class, byte[].class, t -> t.valueCodec("raw"));
        Topic<byte[], byte[]> out = app.topic(output, byte[].class, byte[].class, t -> t.valueCodec("raw"));
        app.agent(in, stream -> {
            boolean first = true;
            for (List<Event<byte[], byte[]>> batch : stream.takeEvents(100, Duration.ofSeconds(1))) {
                if (first) {
                    meter.begin();
                    first = false;
                }
                for (Event<byte[], byte[]> e : batch) {
                    out.send(e.key(), e.value());
                }
            }
        });
        return FaustRunner.start(app, a, false);
    }
}
