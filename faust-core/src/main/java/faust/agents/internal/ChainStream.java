package faust.agents.internal;

import faust.ConfigException;
import faust.Event;
import faust.Indexed;
import faust.KeyValue;
import faust.Stream;
import faust.Topic;
import faust.codecs.TypeRef;
import faust.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stream as the operators build it: the agent instance's root stream ({@link StreamImpl}) plus a chain of
 * {@link Op}s, with the key and value types known at this point of the chain (null when a {@code map} made
 * them unknown). Immutable; iterating it compiles the chain ({@link Pipeline}) and runs it on the root
 * ({@link Cursor}).
 *
 * @param <K> key type
 * @param <V> value type
 */
abstract sealed class ChainStream<K, V> implements Stream<K, V> permits StreamImpl, ChainStream.View {
    private static final String NAME = "[A-Za-z0-9._-]+";
    private static final TypeRef<?> INDEXED = TypeRef.of(Indexed.class);

    private final List<Op> ops;
    private final TypeRef<?> keyType;
    private final TypeRef<?> valueType;
    private final boolean noack;

    ChainStream(List<Op> ops, TypeRef<?> keyType, TypeRef<?> valueType, boolean noack) {
        this.ops = ops;
        this.keyType = keyType;
        this.valueType = valueType;
        this.noack = noack;
    }

    /** @return the agent instance's stream the chain runs on */
    abstract StreamImpl<?, ?> root();

    /** A stream an operator returned. */
    static final class View<K, V> extends ChainStream<K, V> {
        private final StreamImpl<?, ?> root;

        View(StreamImpl<?, ?> root, List<Op> ops, TypeRef<?> keyType, TypeRef<?> valueType, boolean noack) {
            super(ops, keyType, valueType, noack);
            this.root = root;
        }

        @Override
        StreamImpl<?, ?> root() {
            return root;
        }
    }

    private <K2, V2> Stream<K2, V2> with(Op op, TypeRef<?> newKeyType, TypeRef<?> newValueType, boolean noAck) {
        List<Op> next = new ArrayList<>(ops.size() + 1);
        next.addAll(ops);
        if (op != null) {
            next.add(op);
        }
        return new View<>(root(), List.copyOf(next), newKeyType, newValueType, noAck);
    }

    @Override
    public Iterator<V> iterator() {
        return root().open(ops, Cursor.VALUES, noack);
    }

    @Override
    public Iterable<Event<K, V>> events() {
        return () -> root().open(ops, Cursor.EVENTS, noack);
    }

    @Override
    public Iterable<KeyValue<K, V>> items() {
        return () -> root().open(ops, Cursor.ITEMS, noack);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Event<K, V> current() {
        return (Event<K, V>) root().currentEvent();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<K, V> filter(Predicate<? super V> keep) {
        return with(new Op.Filter((Predicate<Object>) nonNull(keep, "filter")), keyType, valueType, noack);
    }

    @Override
    public <T> Stream<K, T> map(Function<? super V, ? extends T> fn) {
        return mapTo(fn, null);
    }

    @Override
    public <T> Stream<K, T> map(Function<? super V, ? extends T> fn, Class<T> type) {
        return mapTo(fn, nonNull(type, "map's type"));
    }

    @SuppressWarnings("unchecked")
    private <T> Stream<K, T> mapTo(Function<? super V, ? extends T> fn, Class<T> type) {
        return with(new Op.MapValue((Function<Object, Object>) nonNull(fn, "map")), keyType, typeOf(type), noack);
    }

    @Override
    public <T> Stream<K, T> flatMap(Function<? super V, ? extends Iterable<? extends T>> fn) {
        return flatMapTo(fn, null);
    }

    @Override
    public <T> Stream<K, T> flatMap(Function<? super V, ? extends Iterable<? extends T>> fn, Class<T> type) {
        return flatMapTo(fn, nonNull(type, "flatMap's type"));
    }

    @SuppressWarnings("unchecked")
    private <T> Stream<K, T> flatMapTo(Function<? super V, ? extends Iterable<? extends T>> fn, Class<T> type) {
        Function<Object, Iterable<?>> f = (Function<Object, Iterable<?>>) (Function<?, ?>) nonNull(fn, "flatMap");
        return with(new Op.FlatMap(f), keyType, typeOf(type), noack);
    }

    @Override
    public Stream<K, Indexed<V>> enumerate() {
        return with(new Op.Enumerate(), keyType, INDEXED, noack);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<K, V> groupBy(Function<? super V, ? extends K> key, String name) {
        if (keyType == null) {
            throw new IllegalStateException("groupBy(key, name) keeps the stream's key type, which is not known here:"
                    + " use groupBy(key, KeyType.class, name)");
        }
        return groupByTo(key, (TypeRef<K>) keyType, name);
    }

    @Override
    public <K2> Stream<K2, V> groupBy(Function<? super V, ? extends K2> key, Class<K2> newKeyType, String name) {
        return groupByTo(key, TypeRef.of(nonNull(newKeyType, "groupBy's key type")), name);
    }

    @SuppressWarnings("unchecked")
    private <K2> Stream<K2, V> groupByTo(Function<? super V, ? extends K2> key, TypeRef<K2> newKeyType, String name) {
        nonNull(key, "groupBy's key function");
        if (name == null || !name.matches(NAME)) {
            throw new ConfigException("groupBy name '" + name + "' is not valid: it names the repartition topic, use"
                    + " letters, digits, '.', '_' and '-'");
        }
        if (valueType == null) {
            throw new IllegalStateException("groupBy(" + name + ") sends the values through Kafka and reads them back,"
                    + " but their type is not known after map/flatMap: name it, e.g. map(fn, Word.class)");
        }
        StreamImpl<?, ?> root = root();
        TopicImpl<?, ?> source = root.source();
        String topicName = root.agentName() + "-" + source.name() + "-" + name + "-repartition";
        TopicImpl<K2, ?> topic = root.topics().declare(source.derive(topicName, newKeyType, valueType, root.topics().codecs()));
        return with(new Op.Forward(topic, (Function<Object, Object>) (Function<?, ?>) key), newKeyType, valueType,
                noack);
    }

    @Override
    public Stream<K, V> through(Topic<K, V> topic) {
        TopicImpl<K, V> t = root().topics().declare((TopicImpl<K, V>) nonNull(topic, "through's topic"));
        return with(new Op.Forward(t, null), t.keyType(), t.valueType(), noack);
    }

    @Override
    public Stream<K, V> echo(Topic<?, ?>... topics) {
        if (topics.length == 0) {
            return this;
        }
        TopicImpl<?, ?>[] to = new TopicImpl<?, ?>[topics.length];
        for (int i = 0; i < topics.length; i++) {
            to[i] = (TopicImpl<?, ?>) nonNull(topics[i], "echo's topic");
        }
        return with(new Op.Echo(to), keyType, valueType, noack);
    }

    @Override
    public Iterable<List<V>> take(int max, Duration within) {
        checkTake(max, within);
        return () -> new Batches<>(root(), root().open(ops, Cursor.VALUES, noack), max, within);
    }

    @Override
    public Iterable<List<Event<K, V>>> takeEvents(int max, Duration within) {
        checkTake(max, within);
        return () -> new Batches<>(root(), root().<Event<K, V>>open(ops, Cursor.EVENTS, noack), max, within);
    }

    private static void checkTake(int max, Duration within) {
        if (max < 1) {
            throw new IllegalArgumentException("take(" + max + ", ...): a batch holds at least 1 value");
        }
        if (within == null || within.isNegative()) {
            throw new IllegalArgumentException("take(" + max + ", " + within + "): within must be zero or positive");
        }
    }

    @Override
    public Stream<K, V> noack() {
        return noack ? this : with(null, keyType, valueType, true);
    }

    @Override
    public void ack(Event<K, V> event) {
        nonNull(event, "ack's event").ack();
    }

    private static TypeRef<?> typeOf(Class<?> type) {
        return type == null ? null : TypeRef.of(type);
    }

    private static <T> T nonNull(T t, String what) {
        if (t == null) {
            throw new NullPointerException(what + " is null");
        }
        return t;
    }
}
