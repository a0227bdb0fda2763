package faust.codecs;

import faust.codecs.internal.ComposedCodec;

/**
 * Turns values of one type into bytes and back: {@code encode(T) -> byte[]}, {@code decode(byte[]) -> T}.
 * Made by {@link Codecs} ({@code Codecs.json(Order.class)}, {@code Codecs.raw()}) or by a
 * {@link CodecRegistry} from a name ({@code registry.codec("json|binary", Order.class)}); an app may
 * implement its own and give it to a topic ({@code t -> t.valueCodec(myCodec)}) or register it by name
 * ({@code app.codecs().register("upper", type -> new UpperCodec())}).
 *
 * <p>A codec is called for every key and value a worker reads or writes, from many threads at once: it must
 * be thread-safe and should not look anything up per call.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {
    /** @return the codec's name as a registry spells it: {@code raw}, {@code json}, {@code json|binary} */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * @param value the value; null stays null
     * @return its bytes, or null
     * @throws CodecException when the value cannot be encoded
     */
    byte[] encode(T value);

    /**
     * @param data the bytes; null stays null
     * @return the value, or null
     * @throws CodecException when the bytes are not a valid encoding of a {@code T}, naming the field at fault
     */
    T decode(byte[] data);

    /**
     * Chains a bytes-to-bytes codec after this one, as Faust's {@code json|binary}: encoding runs this codec
     * then {@code outer}, decoding runs {@code outer} then this one.
     *
     * @param outer the codec applied to this codec's bytes, e.g. {@link Codecs#binary()}
     * @return the chain
     */
    default Codec<T> then(Codec<byte[]> outer) {
        return new ComposedCodec<>(this, outer);
    }
}
