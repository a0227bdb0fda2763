package faust.internal;

import faust.Agent;
import faust.AgentFunction;
import faust.AgentOptions;
import faust.App;
import faust.ConfigException;
import faust.FaustException;
import faust.KeyValue;
import faust.Setting;
import faust.Topic;
import faust.YieldingAgent;
import faust.YieldingFunction;
import faust.codecs.TypeRef;
import faust.codecs.internal.wire.ReqRep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A declared agent whose body emits results: its emitter and sinks, and asking it (requests with Faust's reply
 * headers, replies waited for through the app's {@link Replies}).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> type of the results
 */
public final class YieldingAgentImpl<K, V, R> extends AgentImpl<K, V> implements YieldingAgent<K, V, R> {
    private final Class<R> replyType;
    private final ReqRep.ReplyCodec<R> replyCodec;
    private final EmitterImpl<R> emitter;
    private final AgentFunction<K, V> body;

    /**
     * @param app the app that declared it
     * @param name agent name
     * @param topics its topics
     * @param replyType the type of its results
     * @param fn its function
     * @param options concurrency, isolated partitions, supervisor
     */
    public YieldingAgentImpl(App app, String name, List<Topic<K, V>> topics, Class<R> replyType,
                             YieldingFunction<K, V, R> fn, AgentOptions options) {
        super(app, name, topics, null, options);
        this.replyType = replyType;
        this.replyCodec = new ReqRep.ReplyCodec<>(TypeRef.of(replyType));
        this.emitter = new EmitterImpl<>(app, replyCodec);
        this.body = stream -> fn.process(stream, emitter);
    }

    @Override
    public AgentFunction<K, V> function() {
        return body;
    }

    @Override
    public Class<R> replyType() {
        return replyType;
    }

    @Override
    public YieldingAgent<K, V, R> sink(Topic<?, ? super R> topic) {
        emitter.addSink(topic::send);
        return this;
    }

    @Override
    public YieldingAgent<K, V, R> sink(Agent<?, ? super R> agent) {
        emitter.addSink(agent::send);
        return this;
    }

    @Override
    public YieldingAgent<K, V, R> sink(Consumer<? super R> callback) {
        emitter.addSink(callback);
        return this;
    }

    @Override
    public R ask(K key, V value) {
        return ask(key, value, defaultTimeout());
    }

    @Override
    public R ask(K key, V value, Duration timeout) {
        Request<R> r = request(key, value, timeout);
        return await(r);
    }

    @Override
    public CompletableFuture<R> askNowait(K key, V value) {
        return askNowait(key, value, defaultTimeout());
    }

    @Override
    public CompletableFuture<R> askNowait(K key, V value, Duration timeout) {
        return request(key, value, timeout).reply();
    }

    @Override
    public Iterable<R> map(Iterable<? extends V> values) {
        List<KeyValue<K, V>> items = new ArrayList<>();
        values.forEach(v -> items.add(new KeyValue<>(null, v)));
        return kvmap(items);
    }

    @Override
    public Iterable<R> kvmap(Iterable<KeyValue<K, V>> items) {
        Duration timeout = defaultTimeout();
        List<Request<R>> sent = new ArrayList<>();
        for (KeyValue<K, V> kv : items) {
            sent.add(request(kv.key(), kv.value(), timeout));
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < sent.size();
            }

            @Override
            public R next() {
                if (next >= sent.size()) {
                    throw new NoSuchElementException("no more replies");
                }
                return await(sent.get(next++));
            }
        };
    }

    @Override
    public List<R> join(Iterable<? extends V> values) {
        List<R> out = new ArrayList<>();
        map(values).forEach(out::add);
        return out;
    }

    @Override
    public List<R> kvjoin(Iterable<KeyValue<K, V>> items) {
        List<R> out = new ArrayList<>();
        kvmap(items).forEach(out::add);
        return out;
    }

    /** One request on its way: its correlation id, the future reply, and when it must be in. */
    private record Request<R>(String correlationId, CompletableFuture<R> reply, Replies replies, long deadline,
                              Clock clock) {
    }

    private Request<R> request(K key, V value, Duration timeout) {
        if (!(topic() instanceof TopicImpl<K, V> t)) {
            throw new IllegalStateException("agent " + name() + " reads no declared topic");
        }
        if (t.pattern() != null) {
            throw new ConfigException("agent " + name() + " reads the topic pattern " + t.name() + " first: it cannot be"
                    + " asked; declare it with a topic of one name first");
        }
        Replies replies = AppAccess.get().replies(app());
        String id = UUID.randomUUID().toString();
        CompletableFuture<R> reply = replies.pending().expect(id, replyCodec, replyType == Object.class, timeout,
                "agent " + name() + " (topic " + t.name() + ")");
        Map<String, byte[]> headers = new LinkedHashMap<>(4);
        headers.put(ReqRep.REPLY_TO_HEADER, replies.topic().getBytes(StandardCharsets.UTF_8));
        headers.put(ReqRep.CORRELATION_ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        try {
            t.send(key, value, headers).whenComplete((md, err) -> {
                if (err != null) {
                    replies.pending().fail(id, err instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : err);
                }
            });
        } catch (RuntimeException e) {
            replies.pending().fail(id, e);
            throw e;
        }
        return new Request<>(id, reply, replies, Clock.SYSTEM.nanoTime() + timeout.toNanos(), Clock.SYSTEM);
    }

    private R await(Request<R> r) {
        try {
            try {
                long left = Math.max(0, r.deadline() - r.clock().nanoTime());
                return r.reply().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                r.replies().pending().timeOut(r.correlationId());
                // now failed by timeOut, or completed by a reply that came in just now
                return r.reply().get(1, TimeUnit.SECONDS);
            }
        } catch (TimeoutException e) {
            throw new FaustException("the reply of agent " + name() + " to request " + r.correlationId()
                    + " neither came nor timed out");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new FaustException("asking agent " + name() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.replies().pending().fail(r.correlationId(), new FaustException("interrupted while waiting for"
                    + " the reply of agent " + name()));
            throw new FaustException("interrupted while waiting for the reply of agent " + name());
        }
    }

    private Duration defaultTimeout() {
        return app().settings().duration(Setting.ASK_TIMEOUT);
    }
}
