package faust.internal;

import faust.SetTable;
import faust.codecs.Codec;
import faust.codecs.Codecs;
import faust.codecs.TypeRef;
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

    /**
     * @param table the declared table (JSON keys, JSON lists of members)
     * @param memberType the members' type
     */
    public SetTableImpl(TableImpl<K, List<M>> table, TypeRef<M> memberType) {
        this.table = table;
        this.member = Codecs.json(memberType);
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
