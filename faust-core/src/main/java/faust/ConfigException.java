package faust;

/**
 * A setting, flag or option has a value Faust cannot use (a bad number, a port in use, a datadir held by
 * another worker); the message names it and what to change. The CLI exits with status 2 for it.
 */
public class ConfigException extends FaustException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the setting, its bad value and what is accepted */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the setting, its bad value and what is accepted
     * @param cause the underlying error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
