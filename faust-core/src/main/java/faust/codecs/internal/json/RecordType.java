package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import faust.codecs.FaustField;
import faust.codecs.FaustRecord;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java record, or a class marked {@link FaustRecord}, as a JSON object: fields in declaration order, then
 * the {@code "__faust"} marker when the type is a Faust record. Accessors and constructors are method
 * handles made once per type.
 */
public final class RecordType extends JsonType {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    /**
     * One field.
     *
     * @param name name in JSON
     * @param javaName name of the component or field
     * @param type its resolved Java type
     */
    public record FieldInfo(String name, String javaName, Type type) {
    }

    private final Class<?> cls;
    private final String namespace;
    private final boolean marker;
    private final FieldInfo[] infos;
    private final MethodHandle[] getters;
    private final MethodHandle constructor; // records: (Object[])Object; classes: ()Object
    private final MethodHandle[] setters; // classes only
    private final byte[][] asciiPrefix;
    private final byte[][] utf8Prefix;
    private final byte[] asciiMarker;
    private final byte[] utf8Marker;
    private final Map<String, Integer> index = new HashMap<>();
    private JsonType[] types;

    RecordType(Type type, Class<?> cls, Map<TypeVariable<?>, Type> bindings) {
        super(type);
        this.cls = cls;
        FaustRecord ann = cls.getAnnotation(FaustRecord.class);
        this.namespace = ann == null ? null : ann.namespace().isEmpty() ? canonicalName(cls) : ann.namespace();
        this.marker = ann != null && ann.includeMetadata();
        MethodHandles.Lookup lookup = lookup(cls);
        List<FieldInfo> fields = new ArrayList<>();
        List<MethodHandle> gets = new ArrayList<>();
        try {
            if (cls.isRecord()) {
                RecordComponent[] comps = cls.getRecordComponents();
                Class<?>[] params = new Class<?>[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    RecordComponent c = comps[i];
                    params[i] = c.getType();
                    fields.add(new FieldInfo(wireName(c.getAnnotation(FaustField.class), c.getName()), c.getName(),
                            Types.resolve(c.getGenericType(), bindings)));
                    gets.add(lookup.unreflect(c.getAccessor()).asType(GETTER));
                }
                this.constructor = lookup.findConstructor(cls, MethodType.methodType(void.class, params))
                        .asSpreader(Object[].class, comps.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                this.setters = null;
            } else {
                List<Field> all = new ArrayList<>();
                for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
                    List<Field> own = new ArrayList<>();
                    for (Field f : c.getDeclaredFields()) {
                        int m = f.getModifiers();
                        if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
                            own.add(f);
                        }
                    }
                    all.addAll(0, own);
                }
                this.setters = new MethodHandle[all.size()];
                for (int i = 0; i < all.size(); i++) {
                    Field f = all.get(i);
                    MethodHandles.Lookup l = lookup(f.getDeclaringClass());
                    fields.add(new FieldInfo(wireName(f.getAnnotation(FaustField.class), f.getName()), f.getName(),
                            Types.resolve(f.getGenericType(), bindings)));
                    gets.add(l.unreflectGetter(f).asType(GETTER));
                    f.setAccessible(true);
                    setters[i] = l.unreflectSetter(f).asType(MethodType.methodType(void.class, Object.class, Object.class));
                }
                this.constructor = lookup.findConstructor(cls, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new BindException("cannot read or build " + cls.getName() + " (" + e.getMessage() + "): make it a"
                    + (cls.isRecord() ? " public record" : " class with a no-argument constructor")
                    + " in a package open to faust");
        }
        this.infos = fields.toArray(FieldInfo[]::new);
        this.getters = gets.toArray(MethodHandle[]::new);
        this.asciiPrefix = new byte[infos.length][];
        this.utf8Prefix = new byte[infos.length][];
        for (int i = 0; i < infos.length; i++) {
            if (index.put(infos[i].name(), i) != null) {
                throw new BindException(cls.getSimpleName() + " has two fields named " + infos[i].name() + " in JSON");
            }
            asciiPrefix[i] = prefix(i > 0, infos[i].name(), true);
            utf8Prefix[i] = prefix(i > 0, infos[i].name(), false);
        }
        this.asciiMarker = marker(true);
        this.utf8Marker = marker(false);
    }

    private static String wireName(FaustField f, String javaName) {
        return f == null || f.value().isEmpty() ? javaName : f.value();
    }

    private static MethodHandles.Lookup lookup(Class<?> cls) {
        try {
            return MethodHandles.privateLookupIn(cls, MethodHandles.lookup());
        } catch (IllegalAccessException | RuntimeException e) {
            return MethodHandles.publicLookup();
        }
    }

    /**
     * @param cls a class
     * @return the namespace Faust would give it: the canonical name ({@code golden.Sample} for a record
     *         {@code Sample} nested in class {@code golden})
     */
    static String canonicalName(Class<?> cls) {
        String n = cls.getCanonicalName();
        return n != null ? n : cls.getName();
    }

    private static byte[] prefix(boolean comma, String name, boolean ascii) {
        JsonOut out = new JsonOut(ascii, name.length() + 4);
        if (comma) {
            out.raw(',');
        }
        out.string(name);
        out.raw(':');
        return out.toBytes();
    }

    private byte[] marker(boolean ascii) {
        if (!marker) {
            return new byte[0];
        }
        JsonOut out = new JsonOut(ascii, namespace.length() + 24);
        if (infos.length > 0) {
            out.raw(',');
        }
        out.raw("\"__faust\":{\"ns\":".getBytes(StandardCharsets.US_ASCII));
        out.string(namespace);
        out.raw('}');
        return out.toBytes();
    }

    /** @param types the JSON types of the fields, in order (set once by the builder) */
    void fieldTypes(JsonType[] types) {
        this.types = types;
    }

    /** @return the record's class */
    public Class<?> recordClass() {
        return cls;
    }

    /** @return the namespace, or null when the type is not marked {@link FaustRecord} */
    public String namespace() {
        return namespace;
    }

    /** @return the fields, in order */
    public List<FieldInfo> fields() {
        return List.of(infos);
    }

    /** @return the fields' JSON types, in order */
    public List<JsonType> fieldTypes() {
        return List.of(types);
    }

    @Override
    public List<JsonType> children() {
        return fieldTypes();
    }

    @Override
    public String describe() {
        return namespace != null ? namespace : cls.getSimpleName();
    }

    @Override
    public void write(Object value, JsonOut out) {
        byte[][] prefixes = out.ascii() ? asciiPrefix : utf8Prefix;
        out.raw('{');
        for (int i = 0; i < infos.length; i++) {
            out.raw(prefixes[i]);
            Object v;
            try {
                v = (Object) getters[i].invokeExact(value);
            } catch (Throwable e) {
                throw new BindException("cannot read field: " + e).in("." + infos[i].name());
            }
            try {
                types[i].writeNullable(v, out);
            } catch (BindException e) {
                throw e.in("." + infos[i].name());
            }
        }
        out.raw(out.ascii() ? asciiMarker : utf8Marker);
        out.raw('}');
    }

    @Override
    public Object read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonRead.expected(p, "an object (" + describe() + ")");
        }
        int n = infos.length;
        Object[] args = new Object[n];
        boolean[] seen = new boolean[n];
        int next = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int i;
            if (next < n && infos[next].name().equals(name)) {
                i = next;
            } else {
                Integer found = index.get(name);
                if (found == null) {
                    p.skipChildren(); // unknown fields and the "__faust" marker
                    continue;
                }
                i = found;
            }
            next = i + 1;
            try {
                args[i] = JsonRead.value(types[i], p);
            } catch (BindException e) {
                throw e.in("." + infos[i].name());
            }
            seen[i] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                try {
                    args[i] = types[i].missingValue();
                } catch (BindException e) {
                    throw e.in("." + infos[i].name());
                }
            }
        }
        return construct(args);
    }

    private Object construct(Object[] args) {
        try {
            if (setters == null) {
                return (Object) constructor.invokeExact(args);
            }
            Object o = (Object) constructor.invokeExact();
            for (int i = 0; i < setters.length; i++) {
                setters[i].invokeExact(o, args[i]);
            }
            return o;
        } catch (RuntimeException e) { // the record's own checks
            throw new BindException("rejected by " + cls.getSimpleName() + ": " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new BindException("cannot create " + cls.getSimpleName() + ": " + e, e);
        }
    }
}
