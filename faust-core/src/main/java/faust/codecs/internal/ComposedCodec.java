package faust.codecs.internal;

import faust.codecs.Codec;

/**
 * A codec followed by a bytes-to-bytes codec ({@code json|binary}).
 *
 * @param <T> the value type
 */
public final class ComposedCodec<T> implements Codec<T> {
    private final Codec<T> inner;
    private final Codec<byte[]> outer;

    /**
     * @param inner encodes the value
     * @param outer encodes the inner codec's bytes
     */
    public ComposedCodec(Codec<T> inner, Codec<byte[]> outer) {
        this.inner = inner;
        this.outer = outer;
    }

    @Override
    public String name() {
        return inner.name() + "|" + outer.name();
    }

    @Override
    public byte[] encode(T value) {
        return value == null ? null : outer.encode(inner.encode(value));
    }

    @Override
    public T decode(byte[] data) {
        return data == null ? null : inner.decode(outer.decode(data));
    }

    @Override
    public String toString() {
        return name();
    }
}
