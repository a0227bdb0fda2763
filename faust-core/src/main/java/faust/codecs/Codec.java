package faust.codecs;

/**
 * Turns keys or values into bytes and back. Built-in codecs are {@link Codecs#RAW}, {@link Codecs#STRING}
 * and {@link Codecs#JSON}; an app may implement its own.
 */
public interface Codec {
    /** @return the codec's name, as used in settings ({@code raw}, {@code string}, {@code json}) */
    String name();

    /**
     * @param value the object to encode; null stays null
     * @return the bytes, or null
     * @throws CodecException when the value cannot be encoded
     */
    byte[] encode(Object value);

    /**
     * @param data the bytes to decode; null stays null
     * @param type the type wanted ({@code Object.class} means "whatever the data is")
     * @param <T> the type wanted
     * @return the decoded value, or null
     * @throws CodecException when the bytes are not a valid encoding of {@code type}
     */
    <T> T decode(byte[] data, Class<T> type);
}
