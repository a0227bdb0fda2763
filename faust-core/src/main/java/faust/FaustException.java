package faust;

/**
 * Root of the errors Faust raises for problems a user can fix: a bad setting, an app that cannot be
 * loaded, a broker that does not answer. The message is one line that names what is wrong and what to
 * change; the CLI prints it as it is, without a stack trace.
 */
public class FaustException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and what to change */
    public FaustException(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong and what to change
     * @param cause the underlying error, kept for the log
     */
    public FaustException(String message, Throwable cause) {
        super(message, cause);
    }
}
