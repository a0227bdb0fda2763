package faust.codecs.internal.wire;

import faust.codecs.Codecs;
import faust.codecs.FaustField;
import faust.codecs.FaustRecord;
import faust.codecs.TypeRef;
import faust.codecs.Codec;
import faust.codecs.internal.json.Types;

/**
 * Faust's agent request/reply wire forms: the request headers, the reply envelope
 * {@code {"key":"b'q1'","value":42,"correlation_id":"...","__faust":{"ns":"@ReqRepResponse"}}} (namespace
 * {@code faust.agents.models.ModelReqRepResponse} when the value is a Faust record), and the request
 * envelope Faust uses when reply headers are off.
 */
public final class ReqRep {
    /** Header naming the topic the reply goes to. */
    public static final String REPLY_TO_HEADER = "Faust-Ag-ReplyTo";
    /** Header carrying the request's correlation id (a uuid4 string). */
    public static final String CORRELATION_ID_HEADER = "Faust-Ag-CorrelationId";

    private ReqRep() {
    }

    /**
     * A reply whose value is not a Faust record.
     *
     * @param key Python's {@code str()} of the request key bytes ({@code b'q1'}) as bytes, or null
     * @param value the agent's result
     * @param correlationId the request's correlation id
     * @param <V> the value type
     */
    @FaustRecord(namespace = "@ReqRepResponse")
    public record Response<V>(byte[] key, V value, @FaustField("correlation_id") String correlationId) {
    }

    /**
     * A reply whose value is a Faust record (the same fields, another namespace).
     *
     * @param key the request key bytes, or null
     * @param value the agent's result
     * @param correlationId the request's correlation id
     * @param <V> the value type
     */
    @FaustRecord(namespace = "faust.agents.models.ModelReqRepResponse")
    public record ModelResponse<V>(byte[] key, V value, @FaustField("correlation_id") String correlationId) {
    }

    /**
     * A request wrapped in an envelope (Faust with {@code use_reply_headers=False}).
     *
     * @param value the request value
     * @param replyTo the reply topic
     * @param correlationId the correlation id
     * @param <V> the value type
     */
    @FaustRecord(namespace = "@ReqRepRequest")
    public record Request<V>(V value, @FaustField("reply_to") String replyTo,
                             @FaustField("correlation_id") String correlationId) {
    }

    /**
     * Encodes replies as Faust does and reads either envelope.
     *
     * @param <V> the value type
     */
    public static final class ReplyCodec<V> {
        private final Codec<Response<V>> plain;
        private final Codec<ModelResponse<V>> model;

        /** @param valueType the reply value type ({@code Object} for any) */
        @SuppressWarnings("unchecked")
        public ReplyCodec(TypeRef<V> valueType) {
            this.plain = (Codec<Response<V>>) (Codec<?>) Codecs.json(
                    TypeRef.of(Types.parameterized(Response.class, valueType.type())));
            this.model = (Codec<ModelResponse<V>>) (Codec<?>) Codecs.json(
                    TypeRef.of(Types.parameterized(ModelResponse.class, valueType.type())));
        }

        /**
         * @param requestKey the request's key bytes, or null
         * @param value the reply value
         * @param correlationId the request's correlation id
         * @return the reply's bytes, byte for byte as Faust writes them
         */
        public byte[] encode(byte[] requestKey, V value, String correlationId) {
            if (value != null && value.getClass().isAnnotationPresent(FaustRecord.class)
                    || value instanceof java.util.Map<?, ?> m && m.containsKey("__faust")) {
                return model.encode(new ModelResponse<>(requestKey, value, correlationId));
            }
            return plain.encode(new Response<>(requestKey, value, correlationId));
        }

        /**
         * @param data a reply's bytes (either namespace)
         * @return the reply
         */
        public Response<V> decode(byte[] data) {
            return plain.decode(data);
        }
    }
}
