package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Lists, sets, other collections and arrays as JSON lists (Python writes sets and tuples as lists too).
 * Read into an {@code ArrayList}, a {@code LinkedHashSet} (a {@code TreeSet} for sorted sets), the declared
 * concrete class, or an array.
 */
final class CollectionType extends JsonType {
    private final Class<?> raw;
    private final Class<?> arrayComponent;
    private MethodHandle constructor; // made on first read: writing needs none
    private JsonType element;

    CollectionType(Type type, Class<?> raw) {
        super(type);
        this.raw = raw;
        this.arrayComponent = raw.isArray() ? raw.getComponentType() : null;
    }

    void element(JsonType element) {
        this.element = element;
    }

    @Override
    public List<JsonType> children() {
        return List.of(element);
    }

    private static MethodHandle constructor(Class<?> raw) {
        Class<?> impl;
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            if (raw.isAssignableFrom(ArrayList.class)) {
                impl = ArrayList.class;
            } else if (raw.isAssignableFrom(LinkedHashSet.class)) {
                impl = LinkedHashSet.class;
            } else if (raw.isAssignableFrom(TreeSet.class)) {
                impl = TreeSet.class;
            } else if (raw.isAssignableFrom(ArrayDeque.class)) {
                impl = ArrayDeque.class;
            } else {
                throw new BindException("no collection class to read " + raw.getSimpleName()
                        + " into: declare List, Set, Collection or a concrete class");
            }
        } else {
            impl = raw;
        }
        try {
            return MethodHandles.publicLookup().findConstructor(impl, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new BindException(raw.getSimpleName() + " has no public no-argument constructor to read a list into");
        }
    }

    @Override
    public void write(Object value, JsonOut out) {
        out.raw('[');
        int i = 0;
        if (arrayComponent != null) {
            int n = Array.getLength(value);
            for (; i < n; i++) {
                item(i, Array.get(value, i), out);
            }
        } else {
            for (Object o : (Iterable<?>) value) {
                item(i++, o, out);
            }
        }
        out.raw(']');
    }

    private void item(int i, Object o, JsonOut out) {
        if (i > 0) {
            out.raw(',');
        }
        try {
            element.writeNullable(o, out);
        } catch (BindException e) {
            throw e.in("[" + i + "]");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonRead.expected(p, "a list");
        }
        List<Object> items = arrayComponent != null ? new ArrayList<>() : null;
        Collection<Object> c = items != null ? items : newCollection();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                c.add(JsonRead.value(element, p));
            } catch (BindException e) {
                throw e.in("[" + i + "]");
            } catch (ClassCastException | NullPointerException e) { // a TreeSet given nulls or mixed types
                throw new BindException("cannot add item " + i + " to " + raw.getSimpleName() + ": " + e.getMessage());
            }
            i++;
        }
        if (items == null) {
            return c;
        }
        Object array = Array.newInstance(arrayComponent, items.size());
        for (int k = 0; k < items.size(); k++) {
            Object item = items.get(k);
            if (item == null && arrayComponent.isPrimitive()) {
                throw new BindException("expected " + arrayComponent + ", got null").in("[" + k + "]");
            }
            Array.set(array, k, item);
        }
        return array;
    }

    @SuppressWarnings("unchecked")
    private Collection<Object> newCollection() {
        MethodHandle c = constructor;
        if (c == null) {
            c = constructor(raw);
            constructor = c;
        }
        try {
            return (Collection<Object>) (Object) c.invokeExact();
        } catch (Throwable e) {
            throw new BindException("cannot create " + raw.getSimpleName() + ": " + e);
        }
    }

    static boolean handles(Class<?> raw) {
        return Collection.class.isAssignableFrom(raw) || raw == Iterable.class
                || Set.class == raw || SortedSet.class == raw || NavigableSet.class == raw || Queue.class == raw;
    }
}
