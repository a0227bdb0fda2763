package faust.codecs.internal.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import faust.codecs.FaustRecord;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link JsonType} of a Java type, once: types of classes are kept with the class (a
 * {@code ClassValue}, so reloaded apps' classes are not held), parameterized types by the codec that asked.
 * A record's field types are built with it; a record that contains itself is found in the build in progress.
 */
public final class JsonTypes {
    private static final class Holder {
        volatile JsonType type;
    }

    private static final ClassValue<Holder> CACHE = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            return new Holder();
        }
    };
    private static final JsonType BYTES = new BytesType();

    private final Map<Type, JsonType> building = new HashMap<>();

    private JsonTypes() {
    }

    /**
     * @param type a Java type
     * @return how it is written and read
     * @throws BindException when the type cannot be handled (a record whose constructor is not accessible, ...)
     */
    public static JsonType of(Type type) {
        Type t = Types.canonical(type);
        if (t instanceof Class<?> c) {
            JsonType known = CACHE.get(c).type;
            if (known != null) {
                return known;
            }
        }
        JsonTypes b = new JsonTypes();
        JsonType j = b.build(t);
        b.building.forEach((k, v) -> {
            if (k instanceof Class<?> c) {
                Holder h = CACHE.get(c);
                if (h.type == null) {
                    h.type = v;
                }
            }
        });
        return j;
    }

    private JsonType build(Type t) {
        JsonType j = building.get(t);
        if (j != null) {
            return j;
        }
        if (t instanceof Class<?> c) {
            j = CACHE.get(c).type;
            if (j != null) {
                return j;
            }
        }
        j = create(t);
        building.put(t, j);
        return j;
    }

    private JsonType create(Type t) {
        Class<?> raw = Types.rawClass(t);
        if (Enum.class.isAssignableFrom(raw) && !raw.isEnum() && raw.getSuperclass().isEnum()) {
            return build(raw.getSuperclass()); // a constant with a body
        }
        if (raw == Object.class) {
            return AnyType.OBJECT;
        }
        if (raw == Number.class) {
            return AnyType.NUMBER;
        }
        JsonType simple = ScalarType.of(raw);
        if (simple == null) {
            simple = TimeType.of(raw);
        }
        if (simple != null) {
            return simple;
        }
        if (raw == byte[].class) {
            return BYTES;
        }
        if (raw.isEnum()) {
            return new EnumType(raw);
        }
        if (raw == Optional.class) {
            OptionalType o = new OptionalType(t);
            building.put(t, o);
            o.element(build(Types.argument(t, 0)));
            return o;
        }
        if (raw.isArray() || CollectionType.handles(raw)) {
            CollectionType c = new CollectionType(t, raw);
            building.put(t, c);
            c.element(build(raw.isArray() ? raw.getComponentType() : elementType(t, raw)));
            return c;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type key = t instanceof ParameterizedType ? Types.argument(t, 0) : Object.class;
            Type value = t instanceof ParameterizedType ? Types.argument(t, 1) : Object.class;
            MapType m = new MapType(t, raw, Types.rawClass(key));
            building.put(t, m);
            m.types(build(key), build(value));
            return m;
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return new JacksonType(t);
        }
        if (raw.isRecord() || raw.isAnnotationPresent(FaustRecord.class) && !raw.isInterface()
                && !Modifier.isAbstract(raw.getModifiers())) {
            return record(t, raw);
        }
        if (raw.isSealed()) {
            return sealed(raw);
        }
        if ((raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
                && !raw.isAnnotationPresent(JsonTypeInfo.class) && !raw.getName().startsWith("java.")) {
            return new PolymorphicType(raw, null);
        }
        return new JacksonType(t);
    }

    private static Type elementType(Type t, Class<?> raw) {
        if (t instanceof ParameterizedType && raw.getTypeParameters().length == 1) {
            return Types.argument(t, 0);
        }
        return Object.class;
    }

    private RecordType record(Type t, Class<?> raw) {
        RecordType r = new RecordType(t, raw, Types.bindings(t));
        building.put(t, r);
        JsonType[] fields = new JsonType[r.fields().size()];
        for (int i = 0; i < fields.length; i++) {
            try {
                fields[i] = build(r.fields().get(i).type());
            } catch (BindException e) {
                throw e.in("." + r.fields().get(i).name());
            }
        }
        r.fieldTypes(fields);
        if (r.namespace() != null) {
            Namespaces.register(r.namespace(), raw);
        }
        return r;
    }

    private PolymorphicType sealed(Class<?> base) {
        Map<String, RecordType> byNs = new LinkedHashMap<>();
        PolymorphicType p = new PolymorphicType(base, byNs);
        building.put(base, p);
        addPermitted(base, base, byNs);
        return p;
    }

    private void addPermitted(Class<?> base, Class<?> c, Map<String, RecordType> byNs) {
        for (Class<?> sub : c.getPermittedSubclasses()) {
            if (sub.isSealed() && (sub.isInterface() || Modifier.isAbstract(sub.getModifiers()))) {
                addPermitted(base, sub, byNs);
                continue;
            }
            if (!(build(sub) instanceof RecordType r) || r.namespace() == null) {
                throw new BindException(base.getSimpleName() + " permits " + sub.getSimpleName()
                        + ", which is not marked @FaustRecord: its namespace tells the types apart on the wire");
            }
            if (byNs.put(r.namespace(), r) != null) {
                throw new BindException(base.getSimpleName() + " has two records with namespace " + r.namespace());
            }
        }
    }
}
