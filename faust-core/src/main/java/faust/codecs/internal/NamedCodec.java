package faust.codecs.internal;

import faust.codecs.Codec;
import faust.codecs.CodecRegistry;
import faust.codecs.TypedCodec;

/**
 * An untyped {@link Codec} over typed codecs of one name: encodes a value with the codec for its class and
 * decodes with the codec for the class asked for (each made once, per class). What the built-in untyped
 * codecs ({@code Codecs.RAW}, {@code JSON}, ...) are during the migration to typed codecs.
 */
public final class NamedCodec implements Codec {
    private final String spec;
    private final ClassValue<TypedCodec<?>> byClass;

    /**
     * @param spec a codec name or chain, e.g. {@code json} or {@code json|binary}
     * @param registry where the name is looked up
     */
    public NamedCodec(String spec, CodecRegistry registry) {
        this.spec = spec;
        registry.codec(spec, Object.class); // fails now for an unknown name
        this.byClass = new ClassValue<>() {
            @Override
            protected TypedCodec<?> computeValue(Class<?> type) {
                return registry.codec(spec, box(type));
            }
        };
    }

    @Override
    public String name() {
        return spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] encode(Object value) {
        if (value == null) {
            return null;
        }
        return ((TypedCodec<Object>) byClass.get(value.getClass())).encode(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T decode(byte[] data, Class<T> type) {
        if (data == null) {
            return null;
        }
        return (T) byClass.get(type).decode(data);
    }

    /**
     * @param type the value type
     * @return the typed codec this codec uses for it
     */
    public TypedCodec<?> typed(Class<?> type) {
        return byClass.get(type);
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }

    @Override
    public String toString() {
        return spec;
    }
}
