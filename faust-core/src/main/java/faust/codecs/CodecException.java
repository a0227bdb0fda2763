package faust.codecs;

/** Bytes that cannot be decoded, or a value that cannot be encoded, by a codec. */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be decoded or encoded, and why
     * @param cause the codec library's error, or null
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
