package faust.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import faust.ConfigException;
import faust.codecs.Codec;
import faust.codecs.CodecException;

/**
 * Turns a key or value typed on the command line into bytes with a topic's codec: for {@code json} the
 * text must be JSON (and fit the topic's type, if it has one); for {@code string} and {@code raw} it is
 * sent as UTF-8 text.
 */
final class ValueText {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();
    private static final ObjectReader STRICT = MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ValueText() {
    }

    /**
     * @param text the text given, or null for none
     * @param codec the codec of the topic's keys or values
     * @param type the topic's key or value type
     * @param what "VALUE" or "--key", for messages
     * @param topic the topic name, for messages
     * @return the encoded bytes, or null when no text was given
     * @throws ConfigException when the text does not suit the codec
     */
    static byte[] encode(String text, Codec codec, Class<?> type, String what, String topic) {
        if (text == null) {
            return null;
        }
        try {
            if (!codec.name().equals("json")) {
                return codec.encode(text);
            }
            JsonNode json = parseJson(text, what, topic);
            if (type != Object.class && type != JsonNode.class && type != byte[].class) {
                checkFits(json, type, what);
            }
            return codec.encode(json);
        } catch (CodecException e) {
            throw new ConfigException(what + " cannot be encoded for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseJson(String text, String what, String topic) {
        try {
            return STRICT.readValue(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(what + " " + text + " is not JSON, and topic " + topic + " takes JSON: quote"
                    + " a string for the shell and JSON, e.g. '\"" + text.replace("'", "") + "\"', or give an"
                    + " object like '{\"n\": 1}' (or --" + (what.equals("VALUE") ? "value" : "key")
                    + "-serializer string to send text)", e);
        }
    }

    private static void checkFits(JsonNode json, Class<?> type, String what) {
        try {
            MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(what + " does not fit " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
