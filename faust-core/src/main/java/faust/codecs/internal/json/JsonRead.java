package faust.codecs.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;

/** The JSON reader (Jackson's streaming parser, with Python's NaN and Infinity) and error wording. */
public final class JsonRead {
    /**
     * Parser factory: accepts Python's {@code NaN}, {@code Infinity} and {@code -Infinity}. Field names are
     * not canonicalized: with maps keyed by ids (user ids, words) Jackson's shared symbol table grows and is
     * copied by every parser (measured: 25 us instead of 0.8 us per message of five such keys), against about
     * 20 % more time reading a record's names; records match names with {@code equals}.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();
    private static final int SHOWN = 40;

    private JsonRead() {
    }

    /**
     * @param p a parser on a value
     * @param what what was expected, e.g. {@code an integer}
     * @return an error saying what was expected and what was found
     * @throws IOException from the parser
     */
    public static BindException expected(JsonParser p, String what) throws IOException {
        return new BindException("expected " + what + ", got " + shown(p));
    }

    /**
     * @param p a parser on a value
     * @return the value as an error message shows it: {@code "x"}, {@code 3.5}, {@code an object}
     * @throws IOException from the parser
     */
    public static String shown(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> quoted(p.getText());
            case VALUE_NULL -> "null";
            default -> p.getText();
        };
    }

    /**
     * @param s text
     * @return the text in quotes, cut after 40 characters
     */
    public static String quoted(String s) {
        String cut = s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
        return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * @param type the type a value is read as
     * @param p a parser on the value
     * @return the value, or the type's null value for a JSON null
     * @throws IOException from the parser
     */
    public static Object value(JsonType type, JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? type.nullValue() : type.read(p);
    }
}
