package faust.cli.internal;

import faust.ConfigException;
import java.util.List;

/**
 * An app could not be loaded, with lines to show before the one-line message, such as the compiler's
 * errors ({@code proj.java:12: error: ...}). The CLI exits with status 2 for it.
 */
public final class AppLoadException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** Lines shown before the message, each on its own line. */
    private final List<String> details;

    /**
     * @param message the summary line
     * @param details lines shown before it
     */
    public AppLoadException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** @return the lines to show before the message */
    public List<String> details() {
        return details;
    }
}
