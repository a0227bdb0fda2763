package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps as JSON objects. Keys are written as Python's json writes dict keys (text as it is, integers in
 * decimal, floats as {@code repr}, booleans {@code true}/{@code false}, None {@code null}), plus enums, UUIDs
 * and decimals as their text; they are read back into the declared key type.
 */
final class MapType extends JsonType {
    private final Class<?> raw;
    private final Class<?> keyClass;
    private MethodHandle constructor; // made on first read: writing needs none
    private JsonType keyType;
    private JsonType value;

    MapType(Type type, Class<?> raw, Class<?> keyClass) {
        super(type);
        this.raw = raw;
        this.keyClass = keyClass;
    }

    void types(JsonType key, JsonType value) {
        this.keyType = key;
        this.value = value;
    }

    @Override
    public java.util.List<JsonType> children() {
        return java.util.List.of(keyType, value);
    }

    private static MethodHandle constructor(Class<?> raw) {
        Class<?> impl = raw;
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            if (raw.isAssignableFrom(LinkedHashMap.class)) {
                impl = LinkedHashMap.class;
            } else if (raw.isAssignableFrom(TreeMap.class)) {
                impl = TreeMap.class;
            } else if (raw.isAssignableFrom(ConcurrentHashMap.class)) {
                impl = ConcurrentHashMap.class;
            } else {
                throw new BindException("no map class to read " + raw.getSimpleName()
                        + " into: declare Map or a concrete class");
            }
        }
        try {
            return MethodHandles.publicLookup().findConstructor(impl, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new BindException(raw.getSimpleName() + " has no public no-argument constructor to read an object into");
        }
    }

    @Override
    public void write(Object v, JsonOut out) {
        out.raw('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!first) {
                out.raw(',');
            }
            first = false;
            String key = keyText(e.getKey());
            out.string(key);
            out.raw(':');
            try {
                value.writeNullable(e.getValue(), out);
            } catch (BindException x) {
                throw x.in("[" + JsonRead.quoted(key) + "]");
            }
        }
        out.raw('}');
    }

    /**
     * @param k a key
     * @return the key's JSON text, as Python's json writes dict keys
     */
    static String keyText(Object k) {
        return switch (k) {
            case null -> "null";
            case String s -> s;
            case CharSequence s -> s.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case BigInteger b -> b.toString();
            case Double d -> PyFloat.json(d);
            case Float f -> PyFloat.json(f);
            case Boolean b -> b.toString();
            case Character c -> c.toString();
            case Enum<?> e -> e.name();
            case UUID u -> u.toString();
            case BigDecimal d -> d.toString();
            case java.time.temporal.Temporal t -> PyDates.format(t);
            default -> throw new BindException("a map key must be text, a number, a boolean, an enum or a UUID"
                    + " (Python's json takes no other dict keys), not " + k.getClass().getSimpleName());
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonRead.expected(p, "an object");
        }
        Map<Object, Object> m;
        MethodHandle c = constructor;
        if (c == null) {
            c = constructor(raw);
            constructor = c;
        }
        try {
            m = (Map<Object, Object>) (Object) c.invokeExact();
        } catch (Throwable e) {
            throw new BindException("cannot create " + raw.getSimpleName() + ": " + e);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                Object v = JsonRead.value(value, p);
                m.put(key(name), v);
            } catch (BindException e) {
                throw e.in("[" + JsonRead.quoted(name) + "]");
            } catch (NullPointerException | ClassCastException e) {
                throw new BindException("cannot put this entry into " + raw.getSimpleName() + ": " + e.getMessage())
                        .in("[" + JsonRead.quoted(name) + "]");
            }
        }
        return m;
    }

    private Object key(String s) {
        if (keyClass == String.class || keyClass == Object.class || keyClass == CharSequence.class) {
            return s;
        }
        if (keyType instanceof EnumType e) {
            return e.fromKey(s);
        }
        try (JsonParser q = JsonRead.FACTORY.createParser(keyJson(s))) {
            q.nextToken();
            return keyType.read(q);
        } catch (IOException e) {
            throw new BindException("cannot read key " + JsonRead.quoted(s) + " as " + keyClass.getSimpleName());
        }
    }

    private byte[] keyJson(String s) {
        if (keyClass == Boolean.class || keyClass == boolean.class) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8); // true / false
        }
        JsonOut out = new JsonOut(true, s.length() + 2); // numbers are read from their text, as Faust coerces
        out.string(s);
        return out.toBytes();
    }
}
