package faust.web;

/**
 * Answers one request of a user page ({@code app.page(path, handler)}): returns the body, which the worker
 * sends as JSON with status 200 ({@code null}: 204 No Content), or a {@link Response} for another status,
 * text or bytes. Throw {@link HttpError} for a 4xx/5xx answer; any other exception answers 500 with a JSON
 * error (the stack trace goes to the worker's log, never into the response).
 *
 * <p>Runs on one of the web server's threads, concurrently with other requests and with the agents: read
 * tables and send to topics as anywhere else, but keep it short (a slow handler holds a server thread).
 */
@FunctionalInterface
public interface Handler {
    /**
     * @param request the request
     * @return the body (JSON through the app's JSON codec), a {@link Response}, or null for 204
     * @throws Exception answered as a JSON error: {@link HttpError}'s status, else 500
     */
    Object handle(Request request) throws Exception;
}
