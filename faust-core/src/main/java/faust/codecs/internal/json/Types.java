package faust.codecs.internal.json;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Reflected types: substitution of type variables, raw classes, and names as Java source writes them. */
public final class Types {
    private Types() {
    }

    /**
     * @param raw a generic class
     * @param args its type arguments
     * @return {@code raw<args>}
     */
    public static ParameterizedType parameterized(Class<?> raw, Type... args) {
        if (raw.getTypeParameters().length != args.length) {
            throw new IllegalArgumentException(raw.getSimpleName() + " takes " + raw.getTypeParameters().length
                    + " type arguments, not " + args.length);
        }
        return new Parameterized(raw, args.clone(), raw.getDeclaringClass());
    }

    /**
     * @param type a type
     * @return the type with wildcards replaced by their upper bound and free type variables by theirs
     */
    public static Type canonical(Type type) {
        return resolve(type, Map.of());
    }

    /**
     * @param type a parameterized type
     * @return its type variables bound to its arguments
     */
    public static Map<TypeVariable<?>, Type> bindings(Type type) {
        if (!(type instanceof ParameterizedType p)) {
            return Map.of();
        }
        Map<TypeVariable<?>, Type> m = new HashMap<>();
        TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
        Type[] args = p.getActualTypeArguments();
        for (int i = 0; i < vars.length && i < args.length; i++) {
            m.put(vars[i], args[i]);
        }
        return m;
    }

    /**
     * @param type a type that may mention type variables
     * @param bindings values of type variables
     * @return the type with the variables substituted (unbound ones by their first bound)
     */
    public static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> {
                Type[] args = p.getActualTypeArguments().clone();
                for (int i = 0; i < args.length; i++) {
                    args[i] = resolve(args[i], bindings);
                }
                yield new Parameterized((Class<?>) p.getRawType(), args, p.getOwnerType());
            }
            case GenericArrayType g -> {
                Type c = resolve(g.getGenericComponentType(), bindings);
                yield c instanceof Class<?> cc ? cc.arrayType() : new GenericArray(c);
            }
            case WildcardType w -> resolve(w.getUpperBounds().length == 0 ? Object.class : w.getUpperBounds()[0],
                    bindings);
            case TypeVariable<?> v -> {
                Type bound = bindings.get(v);
                yield bound != null ? resolve(bound, Map.of())
                        : resolve(v.getBounds().length == 0 ? Object.class : v.getBounds()[0], Map.of());
            }
            default -> Object.class;
        };
    }

    /**
     * @param type a type
     * @return its class (the raw class of a parameterized type, an array class for a generic array)
     */
    public static Class<?> rawClass(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType g -> rawClass(g.getGenericComponentType()).arrayType();
            case WildcardType w -> w.getUpperBounds().length == 0 ? Object.class : rawClass(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> v.getBounds().length == 0 ? Object.class : rawClass(v.getBounds()[0]);
            default -> Object.class;
        };
    }

    /**
     * @param type a type
     * @param index which type argument
     * @return the type argument, or Object when the type is raw
     */
    public static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /**
     * @param type a type
     * @return the type as Java source writes it, with simple class names: {@code List<Order>}
     */
    public static String describe(Type type) {
        return switch (type) {
            case Class<?> c when c.isArray() -> describe(c.getComponentType()) + "[]";
            case Class<?> c -> c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
            case ParameterizedType p -> describe(p.getRawType()) + Arrays.stream(p.getActualTypeArguments())
                    .map(Types::describe).collect(Collectors.joining(", ", "<", ">"));
            case GenericArrayType g -> describe(g.getGenericComponentType()) + "[]";
            default -> type.getTypeName();
        };
    }

    private record Parameterized(Class<?> raw, Type[] args, Type owner) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType()) && Arrays.equals(args, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() { // as the JDK's, so both kinds mix in hash maps
            return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ Objects.hashCode(raw);
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    private record GenericArray(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }
}
