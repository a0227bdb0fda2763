package faust.codecs;

/**
 * Bytes that cannot be decoded, or a value that cannot be encoded, by a codec. The message is one line that
 * names the field at fault, e.g. {@code Sample.count: expected an integer, got "x"}.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be decoded or encoded, and why */
    public CodecException(String message) {
        super(message);
    }

    /**
     * @param message what could not be decoded or encoded, and why
     * @param cause the codec library's error, or null
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
