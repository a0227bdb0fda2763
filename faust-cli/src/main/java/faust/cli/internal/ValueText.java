package faust.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import faust.ConfigException;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.Codecs;
import java.nio.charset.StandardCharsets;

/**
 * Turns a key or value typed on the command line into bytes with a topic's codec: for {@code json} the
 * text must be JSON and fit the topic's type (it is read with the codec and written again, so a record gets
 * Faust's exact form, marker included); for {@code string} and {@code raw} it is sent as UTF-8 text.
 */
final class ValueText {
    private static final ObjectReader STRICT = JsonMapper.builder().build().readerFor(JsonNode.class)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
            if (!codec.name().startsWith("json")) {
                return codec.encode(text);
            }
            parseJson(text, what, topic);
            if (type == byte[].class) {
                return codec.encode(text.getBytes(StandardCharsets.UTF_8)); // bytes go as they are
            }
            Object value = fit(codec, text, type, what);
            return codec.encode(value);
        } catch (CodecException e) {
            throw new ConfigException(what + " cannot be encoded for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Reads the JSON as the topic's type, so that what is sent is exactly what a worker reads. */
    private static Object fit(Codec codec, String text, Class<?> type, String what) {
        Codec json = codec.name().equals("json") ? codec : Codecs.JSON; // json|binary: read the JSON itself
        try {
            return json.decode(text.getBytes(StandardCharsets.UTF_8), type);
        } catch (CodecException e) {
            throw new ConfigException(what + " does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
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
}
