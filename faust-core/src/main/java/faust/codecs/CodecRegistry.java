package faust.codecs;

import faust.codecs.internal.BuiltinCodecs;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codecs by name, as Faust's {@code key_serializer}/{@code value_serializer} names them, with Faust's
 * composition: {@code "json|binary"} is JSON, then base64 of the JSON bytes.
 *
 * <p>Built in: {@code raw} (bytes as they are; text as UTF-8), {@code string} (alias {@code str}: text as
 * UTF-8; numbers, booleans, enums and UUIDs as their text), {@code json} (Faust's JSON, see
 * {@link Codecs#json(TypeRef)}), {@code binary} (base64, as Faust's). A {@code byte[]} key or value is sent
 * and received as it is whatever chain of built-in codecs is named (Faust never re-encodes bytes); a
 * registered codec is given {@code byte[]} values to encode as it sees fit.
 */
public final class CodecRegistry {
    private final Map<String, CodecFactory> factories = new ConcurrentHashMap<>();

    private CodecRegistry() {
    }

    /** @return a registry holding the built-in codecs */
    public static CodecRegistry standard() {
        CodecRegistry r = new CodecRegistry();
        BuiltinCodecs.FACTORIES.forEach(r.factories::put);
        return r;
    }

    /**
     * @param name the codec's name: letters, digits, {@code _} and {@code -}
     * @param factory makes the codec for a value type
     * @return this
     * @throws CodecException when the name is not valid
     */
    public CodecRegistry register(String name, CodecFactory factory) {
        String n = normal(name);
        if (!n.matches("[a-z0-9_-]+")) {
            throw new CodecException("codec name '" + name + "' is not valid: use letters, digits, '_' and '-'");
        }
        factories.put(n, factory);
        return this;
    }

    /** @return the names of the codecs: the built-in ones first, then those registered, sorted */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(List.of("raw", "string", "json", "binary"));
        names.addAll(new TreeSet<>(factories.keySet()));
        names.remove("str");
        names.retainAll(factories.keySet());
        return names;
    }

    /**
     * @param spec a name or a chain of names, e.g. {@code json} or {@code json|binary}
     * @param type the value type
     * @param <T> the value type
     * @return the codec
     * @throws CodecException for an unknown name, or a codec that cannot encode the type
     */
    public <T> Codec<T> codec(String spec, Class<T> type) {
        return codec(spec, TypeRef.of(type));
    }

    /**
     * @param spec a name or a chain of names, e.g. {@code json} or {@code json|binary}
     * @param type the value type
     * @param <T> the value type
     * @return the codec
     * @throws CodecException for an unknown name, or a codec that cannot encode the type
     */
    @SuppressWarnings("unchecked")
    public <T> Codec<T> codec(String spec, TypeRef<T> type) {
        String[] names = names(spec);
        CodecFactory[] chain = chain(spec, names);
        if (type.rawType() == byte[].class && builtin(names, chain)) {
            return (Codec<T>) BuiltinCodecs.raw(normal(spec));
        }
        Codec<T> codec = (Codec<T>) chain[0].create(type);
        for (int i = 1; i < chain.length; i++) {
            codec = codec.then((Codec<byte[]>) chain[i].create(TypeRef.of(byte[].class)));
        }
        return codec;
    }

    /**
     * Checks that every name of a chain is known here, without making a codec.
     *
     * @param spec a name or a chain of names, e.g. {@code json|binary}
     * @throws CodecException naming the unknown codec and the known ones
     */
    public void check(String spec) {
        chain(spec, names(spec));
    }

    private static String[] names(String spec) {
        return (spec == null ? "" : spec).split("\\|", -1);
    }

    private CodecFactory[] chain(String spec, String[] names) {
        CodecFactory[] chain = new CodecFactory[names.length];
        for (int i = 0; i < names.length; i++) {
            chain[i] = factories.get(normal(names[i]));
            if (chain[i] == null) {
                throw new CodecException("unknown codec '" + names[i].trim() + "'"
                        + (names.length > 1 ? " in '" + spec + "'" : "") + ": use one of "
                        + String.join(", ", names()) + (names.length > 1 ? "" : ", or a chain like json|binary"));
            }
        }
        return chain;
    }

    private static boolean builtin(String[] names, CodecFactory[] chain) {
        for (int i = 0; i < names.length; i++) {
            if (BuiltinCodecs.FACTORIES.get(normal(names[i])) != chain[i]) {
                return false;
            }
        }
        return true;
    }

    private static String normal(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }
}
