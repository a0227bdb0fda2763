package faust.codecs.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Holder of the Jackson mapper the worker uses for its own JSON (web pages, assignment metadata). Keys and
 * values go through the {@code json} codec ({@link JsonTypedCodec}), which writes Faust's exact bytes.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private JsonCodec() {
    }

    /** @return the shared mapper (thread-safe) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
