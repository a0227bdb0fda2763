package faust.web;

/**
 * A user page answering several HTTP methods, as Faust's {@code View}: override the methods it answers; the
 * others answer 405 Method Not Allowed. Register it with {@code app.page(path, view)}.
 *
 * <pre>{@code
 * app.page("/orders/{id}", new View() {
 *     public Object get(Request r) { return orders.get(r.pathParam("id")); }
 *     public Object put(Request r) { orders.put(r.pathParam("id"), r.json(Order.class)); return null; }
 * });
 * }</pre>
 *
 * <p>Threading as for {@link Handler}.
 */
public interface View {
    /**
     * @param request a GET request
     * @return the body, a {@link Response}, or null (204)
     * @throws Exception answered as a JSON error
     */
    default Object get(Request request) throws Exception {
        throw notAllowed(request);
    }

    /**
     * @param request a POST request
     * @return the body, a {@link Response}, or null (204)
     * @throws Exception answered as a JSON error
     */
    default Object post(Request request) throws Exception {
        throw notAllowed(request);
    }

    /**
     * @param request a PUT request
     * @return the body, a {@link Response}, or null (204)
     * @throws Exception answered as a JSON error
     */
    default Object put(Request request) throws Exception {
        throw notAllowed(request);
    }

    /**
     * @param request a DELETE request
     * @return the body, a {@link Response}, or null (204)
     * @throws Exception answered as a JSON error
     */
    default Object delete(Request request) throws Exception {
        throw notAllowed(request);
    }

    private static HttpError notAllowed(Request request) {
        return new HttpError(405, request.method() + " is not allowed on " + request.path());
    }
}
