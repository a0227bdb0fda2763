package faust.agents.internal;

import faust.Event;
import faust.codecs.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an event an agent failed on, or that could not be decoded: sent to the app's
 * dead-letter topic (default), logged and skipped, or the worker stops without committing it. Never
 * silently dropped.
 */
public final class ErrorPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPolicy.class);
    /** Kinds of agent failure whose stack trace was logged (at most 1000 kinds are remembered). */
    private final Set<String> tracesLogged = ConcurrentHashMap.newKeySet();

    /** The policies. */
    public enum Kind {
        /** Send the original bytes, with the error in headers, to {@code <id>-__dead-letter}; go on. */
        DEAD_LETTER,
        /** Log the error with the event's coordinates; go on. */
        SKIP,
        /** Stop the worker; the event's offset is not committed, so it is redone after a restart. */
        STOP;

        /**
         * @param name {@code dead_letter}, {@code skip} or {@code stop}
         * @return the kind
         */
        public static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** Where dead letters go: the worker's producer, or the testkit's in-memory log. */
    @FunctionalInterface
    public interface DeadLetters {
        /**
         * @param topic the dead-letter topic
         * @param rawKey the event's key bytes
         * @param rawValue the event's value bytes
         * @param headers its headers plus the error headers
         */
        void send(String topic, byte[] rawKey, byte[] rawValue, Map<String, byte[]> headers);
    }

    /** Told about every failure before the policy handles it (the testkit lists them). */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param where "agent X" or "decoding T as V"
         * @param event the event (for an undecodable message: its coordinates and raw bytes, no key or value),
         *              or null when an agent failed outside of an event
         * @param undecodable whether the message could not be decoded (else the agent threw)
         * @param error what went wrong
         */
        void failed(String where, Delivery<?, ?> event, boolean undecodable, Throwable error);
    }

    private final Kind kind;
    private final DeadLetters sender;
    private volatile Observer observer = (w, e, u, t) -> { };
    private final String deadLetterTopic;
    private final Consumer<String> stopWorker;

    /**
     * @param kind the policy
     * @param sender where dead letters go
     * @param deadLetterTopic the dead-letter topic
     * @param stopWorker stops the worker with this reason (for {@link Kind#STOP})
     */
    public ErrorPolicy(Kind kind, DeadLetters sender, String deadLetterTopic, Consumer<String> stopWorker) {
        this.kind = kind;
        this.sender = sender;
        this.deadLetterTopic = deadLetterTopic;
        this.stopWorker = stopWorker;
    }

    /** @param observer told about every failure from now on */
    public void observe(Observer observer) {
        this.observer = observer;
    }

    /**
     * Handles an event an agent failed on.
     *
     * @param where "agent X"
     * @param event the event
     * @param error what the agent threw
     * @return true when the event may be acked (handled), false when it must stay uncommitted
     */
    public boolean handle(String where, Delivery<?, ?> event, Throwable error) {
        observer.failed(where, event, false, error);
        return handle(where, event, event.rawKey(), event.rawValue(), error);
    }

    /**
     * Handles a message that could not be decoded.
     *
     * @param where "decoding T as V"
     * @param carrier the message's coordinates and raw bytes
     * @param error what the codec threw
     * @return true when the message may be acked (handled), false when it must stay uncommitted
     */
    public boolean handleUndecodable(String where, Delivery<?, ?> carrier, Throwable error) {
        observer.failed(where, carrier, true, error);
        return handle(where, carrier, carrier.rawKey(), carrier.rawValue(), error);
    }

    /**
     * An agent failed outside of an event (it is restarted); only observers are told.
     *
     * @param where "agent X"
     * @param error what it threw
     */
    public void failedOutsideEvent(String where, Throwable error) {
        observer.failed(where, null, false, error);
    }

    /**
     * An agent failed and its supervisor stops the worker ({@code STOP_WORKER}): observers are told, the failure is
     * logged and the worker is asked to stop; the event (if any) must stay uncommitted.
     *
     * @param where "agent X"
     * @param event the event it failed on, or null when it failed outside of an event
     * @param error what it threw
     */
    public void crash(String where, Delivery<?, ?> event, Throwable error) {
        observer.failed(where, event, false, error);
        String at = event == null ? "" : " on " + event.topic() + "-" + event.partition() + "@" + event.offset();
        LOG.error("{} failed{}: {}; stopping the worker (supervisor STOP_WORKER), the event is not committed", where,
                at, error.toString(), error);
        stopWorker.accept(where + " failed" + at + ": " + error + " (supervisor STOP_WORKER)");
    }

    /** @return the dead-letter topic name */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** @return the policy */
    public Kind kind() {
        return kind;
    }

    /**
     * Handles one failed event.
     *
     * @param where "agent X" or "decoding", for the log and headers
     * @param event the event's coordinates
     * @param rawKey key bytes
     * @param rawValue value bytes
     * @param error what went wrong
     * @return true when the event may be acked (handled), false when it must stay uncommitted
     */
    private boolean handle(String where, Event<?, ?> event, byte[] rawKey, byte[] rawValue, Throwable error) {
        String at = event.topic() + "-" + event.partition() + "@" + event.offset();
        Throwable trace = traceOnce(where, error);
        switch (kind) {
            case DEAD_LETTER -> {
                LOG.error("{} failed on {}: {}; sent to dead-letter topic {}", where, at, error.toString(),
                        deadLetterTopic, trace);
                Map<String, byte[]> headers = new LinkedHashMap<>(event.headers());
                headers.put("faust.error", utf8(error.toString()));
                headers.put("faust.failed", utf8(where));
                headers.put("faust.topic", utf8(event.topic()));
                headers.put("faust.partition", utf8(Integer.toString(event.partition())));
                headers.put("faust.offset", utf8(Long.toString(event.offset())));
                sender.send(deadLetterTopic, rawKey, rawValue, headers);
                return true;
            }
            case SKIP -> {
                LOG.error("{} failed on {}: {}; skipped (error_policy=skip)", where, at, error.toString(), trace);
                return true;
            }
            default -> {
                LOG.error("{} failed on {}: {}; stopping the worker (error_policy=stop), the event is not committed",
                        where, at, error.toString(), error);
                stopWorker.accept(where + " failed on " + at + ": " + error);
                return false;
            }
        }
    }

    /**
     * A flood of bad input must not flood the log with stack traces: a message that cannot be decoded says all
     * in its one line; an agent's exception gets its stack trace the first time each kind (agent, exception
     * type, where it was thrown) is seen, one line after that ({@code --debug} logs every trace).
     *
     * @return the throwable to log with the line, or null
     */
    private Throwable traceOnce(String where, Throwable error) {
        if (LOG.isDebugEnabled()) {
            return error;
        }
        if (error instanceof CodecException) {
            return null;
        }
        StackTraceElement[] frames = error.getStackTrace();
        String kindOf = where + "|" + error.getClass().getName() + "|" + (frames.length > 0 ? frames[0] : "");
        if (tracesLogged.size() < 1000 && tracesLogged.add(kindOf)) {
            return error;
        }
        return null;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
