package faust.codecs;

import faust.ConfigException;
import faust.codecs.internal.JsonCodec;
import faust.codecs.internal.RawCodec;
import faust.codecs.internal.StringCodec;

/** The built-in codecs and lookup by name. */
public final class Codecs {
    /** Bytes as they are; strings are sent as UTF-8. The default for keys. */
    public static final Codec RAW = new RawCodec();
    /** UTF-8 text. */
    public static final Codec STRING = new StringCodec();
    /**
     * JSON through Jackson; Java records map to JSON objects. The default for values. A value read as
     * {@code Object} that is not valid JSON is delivered as its UTF-8 text rather than dropped.
     */
    public static final Codec JSON = new JsonCodec();

    private Codecs() {
    }

    /**
     * @param name {@code raw}, {@code string} or {@code json} (case-insensitive)
     * @return the codec
     * @throws ConfigException for any other name
     */
    public static Codec byName(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "raw" -> RAW;
            case "string", "str" -> STRING;
            case "json" -> JSON;
            default -> throw new ConfigException(
                    "unknown codec '" + name + "': use one of raw, string, json");
        };
    }
}
