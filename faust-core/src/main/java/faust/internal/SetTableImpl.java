package faust.internal;

import faust.SetTable;
import faust.codecs.Codec;
import faust.codecs.Codecs;
import faust.codecs.TypeRef;
import faust.codecs.internal.wire.SetCodecs;
import faust.codecs.internal.wire.SetManagerOperation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set table over a {@link TableImpl} whose values are the JSON lists of the keys' members; every add or
 * discard is also recorded for the changelog, which gets Faust's set operations ({@link SetChangelog}).
 *
 * @param <K> key type
 * @param <M> member type
 */
public final class SetTableImpl<K, M> implements SetTable<K, M> {
    private final TableImpl<K, List<M>> table;
    private final Codec<M> member;
    private final faust.Topic<K, SetManagerOperation<M>> managerTopic;
    private final java.util.function.Consumer<faust.Topic<K, SetManagerOperation<M>>> startManager;
    private volatile boolean managed;

    /**
     * @param table the declared table (JSON keys, JSON lists of members)
     * @param memberType the members' type
     * @param managerTopic the topic {@code <name>-setmanager}
     * @param startManager declares the manager agent reading that topic
     */
    public SetTableImpl(TableImpl<K, List<M>> table, TypeRef<M> memberType,
                        faust.Topic<K, SetManagerOperation<M>> managerTopic,
                        java.util.function.Consumer<faust.Topic<K, SetManagerOperation<M>>> startManager) {
        this.table = table;
        this.member = Codecs.json(memberType);
        this.managerTopic = managerTopic;
        this.startManager = startManager;
    }

    /**
     * A set table with its manager topic {@code <name>-setmanager} (one partition, as Faust's).
     *
     * @param app the app
     * @param table the declared table
     * @param keyType key type
     * @param memberType member type
     * @param <K> key type
     * @param <M> member type
     * @return the set table
     */
    public static <K, M> SetTableImpl<K, M> of(faust.App app, TableImpl<K, List<M>> table, TypeRef<K> keyType,
                                               TypeRef<M> memberType) {
        @SuppressWarnings("unchecked")
        TypeRef<SetManagerOperation<M>> opType = (TypeRef<SetManagerOperation<M>>) TypeRef.of(
                faust.codecs.internal.json.Types.parameterized(SetManagerOperation.class, memberType.type()));
        faust.Topic<K, SetManagerOperation<M>> topic = app.topic(table.name() + "-setmanager", keyType, opType,
                o -> o.valueCodec(SetCodecs.managerOperation(memberType)).partitions(1));
        List<SetTableImpl<K, M>> self = new ArrayList<>(1);
        SetTableImpl<K, M> set = new SetTableImpl<>(table, memberType, topic, t -> app.agent(t, stream -> {
            for (faust.Event<K, SetManagerOperation<M>> e : stream.events()) {
                self.get(0).apply(e.key(), e.value());
            }
        }));
        self.add(set);
        return set;
    }

    @Override
    public Manager<K, M> manager() {
        return new Manager<>() {
            @Override
            public java.util.concurrent.CompletableFuture<faust.SendResult> add(K key, Set<M> members) {
                return managerTopic.send(key, new SetManagerOperation<>(SetManagerOperation.Action.ADD,
                        List.copyOf(members)));
            }

            @Override
            public java.util.concurrent.CompletableFuture<faust.SendResult> discard(K key, Set<M> members) {
                return managerTopic.send(key, new SetManagerOperation<>(SetManagerOperation.Action.DISCARD,
                        List.copyOf(members)));
            }
        };
    }

    @Override
    public synchronized SetTable<K, M> startManager() {
        if (!managed) {
            startManager.accept(managerTopic);
            managed = true;
        }
        return this;
    }

    /**
     * Applies one manager operation to a key's set (inside the manager agent, in the event's partition).
     *
     * @param key the key
     * @param op the operation
     */
    public void apply(K key, SetManagerOperation<M> op) {
        Set<M> now = get(key);
        Set<M> given = new LinkedHashSet<>(op.members() == null ? List.of() : op.members());
        Set<M> next = new LinkedHashSet<>(now);
        switch (op.action()) {
            case ADD -> next.addAll(given);
            case DISCARD -> next.removeAll(given);
            case CLEAR -> next.clear();
            case INTERSECTION -> next.retainAll(given);
            case SYMDIFF -> given.forEach(m -> {
                if (!next.remove(m)) {
                    next.add(m);
                }
            });
        }
        for (M m : now) {
            if (!next.contains(m)) {
                discard(key, m);
            }
        }
        for (M m : next) {
            if (!now.contains(m)) {
                add(key, m);
            }
        }
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public String changelogTopic() {
        return table.changelogTopic();
    }

    private List<M> members(byte[] k, int p) {
        byte[] v = table.backend().read(table, p, k);
        return v == null ? new ArrayList<>() : new ArrayList<>(table.decodeValue(v));
    }

    private boolean change(K key, M m, boolean add) {
        byte[] k = table.encodeKey(key);
        int p = table.partitionFor(key, k);
        List<M> members = members(k, p);
        boolean changed = add ? !members.contains(m) && members.add(m) : members.remove(m);
        if (changed) {
            table.backend().writeSet(table, p, k, table.encodeValue(members), member.encode(m), add);
        }
        return changed;
    }

    @Override
    public boolean add(K key, M m) {
        return change(key, m, true);
    }

    @Override
    public boolean discard(K key, M m) {
        return change(key, m, false);
    }

    @Override
    public boolean contains(K key, M m) {
        return get(key).contains(m);
    }

    @Override
    public Set<M> get(K key) {
        byte[] k = table.encodeKey(key);
        return new LinkedHashSet<>(members(k, table.partitionFor(key, k)));
    }

    @Override
    public Map<K, Set<M>> local() {
        Map<K, Set<M>> out = new LinkedHashMap<>();
        table.backend().forEachLocal(table, (k, v) -> out.put(table.decodeKey(k),
                new LinkedHashSet<>(table.decodeValue(v))));
        return out;
    }

    @Override
    public Iterator<Map.Entry<K, Set<M>>> iterator() {
        return local().entrySet().iterator();
    }

    @Override
    public SetTable<K, M> onRecover(Runnable callback) {
        table.events().onRecover(callback);
        return this;
    }

    @Override
    public String toString() {
        return "SetTable[" + table.name() + "]";
    }
}
