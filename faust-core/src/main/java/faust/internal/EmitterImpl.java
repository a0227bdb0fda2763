package faust.internal;

import faust.App;
import faust.Emitter;
import faust.Event;
import faust.codecs.internal.wire.ReqRep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A yielding agent's emitter: a result answers the request the calling agent instance is processing (its
 * {@link CurrentEvent}), as Faust's {@code ReqRepResponse} on the topic its {@code Faust-Ag-ReplyTo} header names,
 * then goes to every sink. One per agent: the event is the calling thread's.
 *
 * <p>The reply's {@code "key"} is Python's {@code str()} of the request's key bytes ({@code "b'q1'"}), as
 * Python Faust writes it: Python askers ignore it, so matching Faust's bytes is the safe choice.
 *
 * @param <R> type of the results
 */
final class EmitterImpl<R> implements Emitter<R> {
    private final App app;
    private final ReqRep.ReplyCodec<R> codec;
    private final List<Consumer<? super R>> sinks = new CopyOnWriteArrayList<>();

    EmitterImpl(App app, ReqRep.ReplyCodec<R> codec) {
        this.app = app;
        this.codec = codec;
    }

    void addSink(Consumer<? super R> sink) {
        sinks.add(sink);
    }

    @Override
    public void emit(R result) {
        Event<?, ?> e = CurrentEvent.get();
        if (e != null) {
            Map<String, byte[]> headers = e.headers();
            byte[] replyTo = headers.get(ReqRep.REPLY_TO_HEADER);
            byte[] correlationId = headers.get(ReqRep.CORRELATION_ID_HEADER);
            if (replyTo != null && correlationId != null) {
                byte[] requestKey = e instanceof EncodedEvent enc ? enc.rawKey() : null;
                byte[] reply = codec.encode(requestKey, result, new String(correlationId, StandardCharsets.UTF_8));
                AppAccess.get().sender(app).send(new String(replyTo, StandardCharsets.UTF_8), null, null, reply,
                        Map.of());
            }
        }
        for (Consumer<? super R> sink : sinks) {
            sink.accept(result);
        }
    }
}
