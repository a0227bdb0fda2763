package faust.codecs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON through Jackson; records map to JSON objects. */
public final class JsonCodec implements Codec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    /** @return the shared mapper (thread-safe) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public byte[] encode(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
        if (data == null) {
            return null;
        }
        if (type == byte[].class) {
            return type.cast(data);
        }
        try {
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            if (type == Object.class || type == String.class) {
                // Untyped values that are not JSON (plain text from kcat, say) are delivered as text.
                return type.cast(new String(data, StandardCharsets.UTF_8));
            }
            throw new CodecException("value is not JSON for " + type.getSimpleName() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
