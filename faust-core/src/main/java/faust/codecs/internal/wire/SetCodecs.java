package faust.codecs.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import faust.codecs.Codecs;
import faust.codecs.TypeRef;
import faust.codecs.Codec;
import faust.codecs.internal.json.BindException;
import faust.codecs.internal.json.JsonOut;
import faust.codecs.internal.json.JsonRead;
import faust.codecs.internal.json.JsonType;
import faust.codecs.internal.json.JsonTypes;
import faust.codecs.internal.json.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Faust's SetTable wire forms: changelog keys {@code [op,key]}, member values (the member's JSON), update
 * values {@code [[added],[removed]]}, and the manager topic's {@link SetManagerOperation}.
 */
public final class SetCodecs {
    private SetCodecs() {
    }

    /**
     * @param keyType the table key type
     * @param <K> the table key type
     * @return the changelog key codec
     */
    public static <K> Codec<SetKey<K>> key(TypeRef<K> keyType) {
        JsonType key = JsonTypes.of(keyType.type());
        JsonType code = JsonTypes.of(int.class);
        return new WireCodec<>("SetKey<" + keyType + ">") {
            @Override
            void write(SetKey<K> k, JsonOut out) {
                out.raw('[');
                out.number(k.op().code());
                out.raw(',');
                key.writeNullable(k.key(), out);
                out.raw(']');
            }

            @Override
            @SuppressWarnings("unchecked")
            SetKey<K> read(JsonParser p) throws IOException {
                expect(p, JsonToken.START_ARRAY, "a list [operation, key]");
                p.nextToken();
                int c = (Integer) in(".op", () -> code.read(p));
                SetOp op = SetOp.of(c);
                if (op == null) {
                    throw new BindException("unknown set operation " + c + " (1 add, 2 discard, 15 update)").in(".op");
                }
                p.nextToken();
                K k = (K) in(".key", () -> JsonRead.value(key, p));
                p.nextToken();
                expect(p, JsonToken.END_ARRAY, "the end of the key");
                return new SetKey<>(op, k);
            }
        };
    }

    /**
     * @param memberType the member type
     * @param <V> the member type
     * @return the codec of {@link SetOp#ADD} and {@link SetOp#DISCARD} values
     */
    public static <V> Codec<V> member(TypeRef<V> memberType) {
        return Codecs.json(memberType);
    }

    /**
     * @param memberType the member type
     * @param <V> the member type
     * @return the codec of {@link SetOp#UPDATE} values
     */
    public static <V> Codec<SetUpdate<V>> update(TypeRef<V> memberType) {
        Type list = Types.parameterized(List.class, memberType.type());
        JsonType members = JsonTypes.of(list);
        return new WireCodec<>("SetUpdate<" + memberType + ">") {
            @Override
            void write(SetUpdate<V> u, JsonOut out) {
                out.raw('[');
                members.write(u.added(), out);
                out.raw(',');
                members.write(u.removed(), out);
                out.raw(']');
            }

            @Override
            @SuppressWarnings("unchecked")
            SetUpdate<V> read(JsonParser p) throws IOException {
                expect(p, JsonToken.START_ARRAY, "a list [[added...], [removed...]]");
                p.nextToken();
                List<V> added = (List<V>) in(".added", () -> members.read(p));
                p.nextToken();
                List<V> removed = (List<V>) in(".removed", () -> members.read(p));
                p.nextToken();
                expect(p, JsonToken.END_ARRAY, "the end of the update");
                return new SetUpdate<>(added, removed);
            }
        };
    }

    /**
     * @param memberType the member type
     * @param <V> the member type
     * @return the codec of the manager topic's values
     */
    @SuppressWarnings("unchecked")
    public static <V> Codec<SetManagerOperation<V>> managerOperation(TypeRef<V> memberType) {
        return (Codec<SetManagerOperation<V>>) (Codec<?>) Codecs.json(
                TypeRef.of(Types.parameterized(SetManagerOperation.class, memberType.type())));
    }
}
