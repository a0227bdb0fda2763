package faust.codecs;

/**
 * Makes a codec of a given name for a value type; registered in a {@link CodecRegistry}.
 *
 * <pre>{@code
 * registry.register("upper", type -> {
 *     if (type.rawType() != String.class) {
 *         throw new CodecException("upper encodes String, not " + type, null);
 *     }
 *     return new UpperCaseCodec();
 * });
 * }</pre>
 */
@FunctionalInterface
public interface CodecFactory {
    /**
     * @param type the value type; {@code byte[]} when the codec follows another in a chain ({@code json|x})
     * @return a codec whose values are of that type
     * @throws CodecException when the codec cannot encode that type (say which codec would)
     */
    Codec<?> create(TypeRef<?> type);
}
