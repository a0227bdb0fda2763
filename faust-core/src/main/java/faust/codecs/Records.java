package faust.codecs;

import faust.codecs.internal.json.BindException;
import faust.codecs.internal.json.JsonType;
import faust.codecs.internal.json.JsonTypes;
import faust.codecs.internal.json.Namespaces;
import faust.codecs.internal.json.RecordType;
import faust.codecs.internal.json.Types;
import faust.codecs.internal.wire.ReqRep;
import faust.codecs.internal.wire.SetManagerOperation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records as the JSON codec sees them: namespaces, the records a set of types uses, and registration of
 * records that must be recognised by namespace when the declared type does not name them (an
 * {@code Object} value, a non-sealed interface), like Faust's model registry.
 */
public final class Records {
    private Records() {
    }

    /**
     * @param type a class
     * @return whether the JSON codec writes it as a record (a Java record, or a class marked {@link FaustRecord})
     */
    public static boolean isRecord(Class<?> type) {
        return type.isRecord() || type.isAnnotationPresent(FaustRecord.class);
    }

    /**
     * @param type a class
     * @return its Faust namespace, or null when it is not marked {@link FaustRecord}
     */
    public static String namespace(Class<?> type) {
        FaustRecord r = type.getAnnotation(FaustRecord.class);
        if (r == null) {
            return null;
        }
        if (!r.namespace().isEmpty()) {
            return r.namespace();
        }
        return type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
    }

    /**
     * Makes records known by namespace, so that a value whose declared type does not name its record is read
     * as the record its {@code "__faust"} marker names. Records used by a topic's or table's types are
     * known already.
     *
     * @param types Faust records
     * @throws CodecException when a type is not a record or cannot be used as one
     */
    public static void register(Class<?>... types) {
        for (Class<?> t : types) {
            if (!isRecord(t)) {
                throw new CodecException(t.getName() + " is not a record: declare it as a Java record or mark it"
                        + " @FaustRecord");
            }
            RecordType r = (RecordType) type(t);
            if (r.namespace() != null) {
                Namespaces.register(r.namespace(), t);
            }
        }
    }

    /**
     * @param namespace a namespace, e.g. {@code golden.Sample}
     * @return its record class, or null when none is known in this JVM
     */
    public static Class<?> lookup(String namespace) {
        return Namespaces.lookup(namespace);
    }

    /**
     * @param type a record
     * @return its fields as they are on the wire
     * @throws CodecException when it is not a record
     */
    public static RecordSchema schema(Class<?> type) {
        if (!(type(type) instanceof RecordType r)) {
            throw new CodecException(type.getName() + " is not a record");
        }
        return schema(r);
    }

    private static RecordSchema schema(RecordType r) {
        List<RecordSchema.Field> fields = new ArrayList<>();
        List<JsonType> types = r.fieldTypes();
        for (int i = 0; i < types.size(); i++) {
            JsonType t = types.get(i);
            String shown = t instanceof RecordType nested ? nested.describe() : Types.describe(t.type());
            fields.add(new RecordSchema.Field(r.fields().get(i).name(), shown, t.required()));
        }
        return new RecordSchema(r.recordClass(), r.namespace(), List.copyOf(fields));
    }

    /**
     * @param types key and value types, e.g. of an app's topics and tables
     * @return the records they use, nested ones included, in the order met
     */
    public static List<RecordSchema> used(Collection<? extends Type> types) {
        Map<Class<?>, RecordSchema> found = new LinkedHashMap<>();
        Set<JsonType> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Type t : types) {
            if (t == byte[].class) {
                continue;
            }
            try {
                walk(JsonTypes.of(t), found, seen);
            } catch (BindException e) {
                // a type the JSON codec cannot handle is not a record: nothing to list
            }
        }
        return List.copyOf(found.values());
    }

    private static void walk(JsonType t, Map<Class<?>, RecordSchema> found, Set<JsonType> seen) {
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof RecordType r) {
            found.putIfAbsent(r.recordClass(), schema(r));
        }
        for (JsonType child : t.children()) {
            walk(child, found, seen);
        }
    }

    /** @return Faust's internal records (namespaces starting with {@code @}, and the RPC model envelope) */
    public static List<RecordSchema> builtins() {
        return used(List.of(SetManagerOperation.class, ReqRep.Request.class, ReqRep.Response.class,
                ReqRep.ModelResponse.class));
    }

    private static JsonType type(Class<?> t) {
        try {
            return JsonTypes.of(t);
        } catch (BindException e) {
            throw new CodecException("cannot use " + t.getSimpleName() + e.path() + " as a record: " + e.problem(), e);
        }
    }
}
