package faust.web;

import faust.FaustException;

/**
 * Thrown by a page's handler to answer an error: the status and {@code {"error": message}} as JSON.
 */
public final class HttpError extends FaustException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status a 4xx or 5xx status
     * @param message what is wrong, for the client
     */
    public HttpError(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP error status is 4xx or 5xx, not " + status);
        }
        this.status = status;
    }

    /** @return the status */
    public int status() {
        return status;
    }
}
