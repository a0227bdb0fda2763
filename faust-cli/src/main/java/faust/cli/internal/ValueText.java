package faust.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import faust.ConfigException;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.CodecRegistry;
import faust.codecs.Codecs;
import faust.codecs.TypeRef;
import java.nio.charset.StandardCharsets;

/**
 * Turns a key or value typed on the command line into bytes with a topic's codec: for {@code json} the
 * text must be JSON and fit the topic's type (it is read as that type and written again with the codec, so a
 * record gets Faust's exact form, marker included); for {@code string} and {@code raw} it is text (a number
 * for a number type).
 */
final class ValueText {
    private static final ObjectReader STRICT = JsonMapper.builder().build().readerFor(JsonNode.class)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final CodecRegistry STANDARD = CodecRegistry.standard();

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
    @SuppressWarnings("unchecked")
    static byte[] encode(String text, Codec<?> codec, TypeRef<?> type, String what, String topic) {
        if (text == null) {
            return null;
        }
        try {
            return ((Codec<Object>) codec).encode(value(text, codec, type, what, topic));
        } catch (CodecException | ClassCastException e) {
            throw new ConfigException(what + " cannot be encoded for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The value the text stands for, of the topic's type, so that what is sent is exactly what a worker reads. */
    private static Object value(String text, Codec<?> codec, TypeRef<?> type, String what, String topic) {
        Class<?> raw = type.rawType();
        boolean json = codec.name().startsWith("json");
        if (json) {
            parseJson(text, what, topic);
        }
        if (raw == byte[].class) {
            return text.getBytes(StandardCharsets.UTF_8); // bytes go as they are
        }
        if (!json && (raw == String.class || raw == CharSequence.class || raw == Object.class)) {
            return text;
        }
        try {
            // json|binary: read the JSON itself; string: numbers, booleans, enums, UUIDs as their text
            return (json ? Codecs.json(type) : STANDARD.codec("string", type)).decode(
                    text.getBytes(StandardCharsets.UTF_8));
        } catch (CodecException e) {
            throw new ConfigException(what + " does not fit " + type + ": " + e.getMessage(), e);
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
