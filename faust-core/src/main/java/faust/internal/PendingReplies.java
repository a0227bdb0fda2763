package faust.internal;

import faust.AskTimeoutException;
import faust.FaustException;
import faust.codecs.CodecException;
import faust.codecs.TypeRef;
import faust.codecs.internal.wire.ReqRep;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of this process waiting for a reply, by correlation id. A reply ({@code ReqRepResponse} bytes)
 * completes its request's future with the value decoded as the asker's reply type; a request whose deadline
 * passed fails with an {@link AskTimeoutException} ({@link #expire()} is called by the reply reader's loop).
 * Thread-safe.
 */
public final class PendingReplies {
    private static final Logger LOG = LoggerFactory.getLogger(PendingReplies.class);
    private static final ReqRep.ReplyCodec<Object> ANY = new ReqRep.ReplyCodec<>(TypeRef.of(Object.class));

    private record Pending<R>(CompletableFuture<R> future, ReqRep.ReplyCodec<R> codec, boolean untyped,
                              long deadline, Duration timeout, String what) {
    }

    private final Clock clock;
    private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

    /** @param clock the deadlines' clock */
    public PendingReplies(Clock clock) {
        this.clock = clock;
    }

    /**
     * Registers a request before it is sent.
     *
     * @param correlationId the request's correlation id
     * @param codec decodes the reply
     * @param untyped whether the reply type is {@code Object} (the envelope's value is taken as it is)
     * @param timeout how long the reply may take
     * @param what what was asked, for the timeout's message (e.g. {@code agent adder (topic golden-adder)})
     * @param <R> the reply type
     * @return the future reply
     */
    public <R> CompletableFuture<R> expect(String correlationId, ReqRep.ReplyCodec<R> codec, boolean untyped,
                                           Duration timeout, String what) {
        CompletableFuture<R> f = new CompletableFuture<>();
        pending.put(correlationId, new Pending<>(f, codec, untyped, clock.nanoTime() + timeout.toNanos(), timeout,
                what));
        return f;
    }

    /**
     * Hands over one reply read from the reply topic.
     *
     * @param value the reply record's value ({@code ReqRepResponse} JSON)
     */
    public void accept(byte[] value) {
        ReqRep.Response<Object> any;
        try {
            any = ANY.decode(value);
        } catch (CodecException | NullPointerException e) {
            LOG.warn("skipped a record of the reply topic that is not a ReqRepResponse: {}", e.getMessage());
            return;
        }
        Pending<?> p = any == null || any.correlationId() == null ? null : pending.remove(any.correlationId());
        if (p == null) {
            LOG.debug("reply to an unknown or timed-out request {}", any == null ? null : any.correlationId());
            return;
        }
        complete(p, any, value);
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Pending<R> p, ReqRep.Response<Object> any, byte[] value) {
        if (p.untyped()) {
            p.future().complete((R) any.value());
            return;
        }
        try {
            p.future().complete(p.codec().decode(value).value());
        } catch (RuntimeException e) {
            p.future().completeExceptionally(new FaustException("the reply from " + p.what() + " could not be read: "
                    + e.getMessage(), e));
        }
    }

    /** Fails the requests whose deadline passed. */
    public void expire() {
        if (pending.isEmpty()) {
            return;
        }
        long now = clock.nanoTime();
        for (Map.Entry<String, Pending<?>> e : pending.entrySet()) {
            if (now - e.getValue().deadline() >= 0) {
                timeOut(e.getKey());
            }
        }
    }

    /**
     * Fails one request now with the timeout's message, if it is still waiting.
     *
     * @param correlationId its correlation id
     */
    public void timeOut(String correlationId) {
        Pending<?> p = pending.remove(correlationId);
        if (p != null) {
            p.future().completeExceptionally(new AskTimeoutException("no reply from " + p.what() + " within "
                    + seconds(p.timeout()) + " to request " + correlationId + ": is a worker running the agent? (a"
                    + " request whose worker died is answered only once another worker took its partition over;"
                    + " ask_timeout sets the wait)"));
        }
    }

    /**
     * Fails one request (its send failed).
     *
     * @param correlationId its correlation id
     * @param error why
     */
    public void fail(String correlationId, Throwable error) {
        Pending<?> p = pending.remove(correlationId);
        if (p != null) {
            p.future().completeExceptionally(error instanceof FaustException ? error
                    : new FaustException("the request to " + p.what() + " could not be sent: " + error.getMessage(),
                            error));
        }
    }

    /**
     * Fails every request still waiting (the reply reader stopped).
     *
     * @param reason why, for the message
     */
    public void failAll(String reason) {
        for (String id : pending.keySet()) {
            Pending<?> p = pending.remove(id);
            if (p != null) {
                p.future().completeExceptionally(new FaustException("no reply from " + p.what() + " to request " + id
                        + ": " + reason));
            }
        }
    }

    /** @return requests waiting */
    public int size() {
        return pending.size();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
