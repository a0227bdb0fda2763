package faust.agents.internal;

import faust.internal.TopicImpl;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One step of a stream's operator chain, as built by the {@code Stream} operators. The user's functions are
 * held untyped: the chain's types are checked where it is built ({@link OpStream}).
 */
sealed interface Op {
    /** Keeps the values {@code keep} accepts. */
    record Filter(Predicate<Object> keep) implements Op {
    }

    /** Replaces each value. */
    record MapValue(Function<Object, Object> fn) implements Op {
    }

    /** Replaces each value by any number of values. */
    record FlatMap(Function<Object, Iterable<?>> fn) implements Op {
    }

    /** Replaces each value by an {@code Indexed} of it. */
    record Enumerate() implements Op {
    }

    /** Sends each value to topics as well. */
    record Echo(TopicImpl<?, ?>[] topics) implements Op {
    }

    /**
     * Sends each value to a topic and ends this stage; the next stage reads that topic ({@code groupBy},
     * {@code through}).
     *
     * @param to the topic
     * @param key the new key of a value, or null to keep the event's key ({@code through})
     */
    record Forward(TopicImpl<?, ?> to, Function<Object, Object> key) implements Op {
    }
}
