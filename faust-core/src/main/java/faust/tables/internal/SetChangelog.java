package faust.tables.internal;

import faust.codecs.CodecException;
import faust.codecs.Codecs;
import faust.codecs.internal.wire.SetCodecs;
import faust.codecs.internal.wire.SetUpdate;
import faust.internal.TableImpl;
import faust.internal.TableKind;
import faust.stores.Change;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set table's changelog in Faust's form. Writing: the operations on a key since the last commit become one
 * record — {@code [1,key]} with the member for a single add, {@code [2,key]} for a single discard, else
 * {@code [15,key]} with {@code [[added...],[removed...]]}. Reading: each operation is applied to the key's set
 * (the store's JSON list, or the set an earlier record of the same batch made).
 */
final class SetChangelog {
    private SetChangelog() {
    }

    /**
     * @param key the key's JSON
     * @param ops member JSON to true (added) or false (discarded), the last operation of each member
     * @return the changelog key and value
     */
    static byte[][] record(byte[] key, Map<Key, Boolean> ops) {
        if (ops.size() == 1) {
            Map.Entry<Key, Boolean> only = ops.entrySet().iterator().next();
            return new byte[][] {opKey(only.getValue() ? 1 : 2, key), only.getKey().bytes()};
        }
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write('[');
        for (boolean added : new boolean[] {true, false}) {
            if (!added) {
                v.write(',');
            }
            v.write('[');
            boolean first = true;
            for (Map.Entry<Key, Boolean> e : ops.entrySet()) {
                if (e.getValue() == added) {
                    if (!first) {
                        v.write(',');
                    }
                    v.writeBytes(e.getKey().bytes());
                    first = false;
                }
            }
            v.write(']');
        }
        v.write(']');
        return new byte[][] {opKey(15, key), v.toByteArray()};
    }

    private static byte[] opKey(int op, byte[] key) {
        byte[] code = Integer.toString(op).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[key.length + code.length + 3];
        out[0] = '[';
        System.arraycopy(code, 0, out, 1, code.length);
        out[code.length + 1] = ',';
        System.arraycopy(key, 0, out, code.length + 2, key.length);
        out[out.length - 1] = ']';
        return out;
    }

    /**
     * @param h a held partition of a set table
     * @param key Faust's changelog key {@code [op,key]}
     * @param value the record's value
     * @return the store change: the key's set after the operation
     * @throws CodecException when the key or value is not a set operation
     */
    @SuppressWarnings("unchecked")
    static Change apply(Held h, byte[] key, byte[] value) {
        int comma = indexOf(key, (byte) ',');
        int end = lastIndexOf(key, (byte) ']');
        if (key.length < 5 || key[0] != '[' || comma < 2 || end <= comma) {
            throw new CodecException("changelog key " + new String(key, StandardCharsets.UTF_8)
                    + " is not a set operation [op,key]");
        }
        int op;
        try {
            op = Integer.parseInt(new String(key, 1, comma - 1, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            throw new CodecException("changelog key " + new String(key, StandardCharsets.UTF_8)
                    + " does not start with a set operation number");
        }
        byte[] storeKey = new String(key, comma + 1, end - comma - 1, StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8);
        TableImpl<Object, List<Object>> t = (TableImpl<Object, List<Object>>) h.table;
        if (value == null) {
            h.replay.put(new Key(storeKey), null);
            return Change.delete(storeKey);
        }
        Key k = new Key(storeKey);
        byte[] current = h.replay.containsKey(k) ? h.replay.get(k) : h.store.get(storeKey);
        Set<Object> members = current == null ? new LinkedHashSet<>() : new LinkedHashSet<>(t.decodeValue(current));
        faust.codecs.TypeRef<Object> memberType = ((TableKind.Sets<Object>) t.kind()).member();
        switch (op) {
            case 1 -> members.add(Codecs.json(memberType).decode(value));
            case 2 -> members.remove(Codecs.json(memberType).decode(value));
            case 15 -> {
                SetUpdate<Object> u = SetCodecs.update(memberType).decode(value);
                members.addAll(u.added());
                u.removed().forEach(members::remove);
            }
            default -> throw new CodecException("unknown set operation " + op + " (1 add, 2 discard, 15 update)");
        }
        byte[] next = t.encodeValue(new ArrayList<>(members));
        h.replay.put(k, next);
        return Change.put(storeKey, next);
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
