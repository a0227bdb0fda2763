package faust.internal;

import faust.Table;
import faust.Topic;
import faust.web.Handler;
import faust.web.HttpError;
import faust.web.Request;
import java.util.function.Supplier;

/**
 * The handler {@code app.tableRoute}/{@code app.topicRoute} return: takes the key from the request (a path
 * parameter, else a query parameter) and lets the running worker answer it here or forward it to the key's
 * owner. Outside a worker it answers locally.
 *
 * @param table the table, or null
 * @param topic the topic, or null
 * @param keyParam the path or query parameter holding the key
 * @param local answers the request on the owner
 * @param link the running worker, or null
 */
public record RoutedHandler(Table<?, ?> table, Topic<?, ?> topic, String keyParam, Handler local,
                            Supplier<WorkerLink> link) implements Handler {
    @Override
    public Object handle(Request request) throws Exception {
        String key = request.pathParams().containsKey(keyParam) ? request.pathParam(keyParam)
                : request.queryParam(keyParam);
        if (key == null) {
            throw new HttpError(400, "the key parameter '" + keyParam + "' is missing: give it in the path or as"
                    + " ?" + keyParam + "=...");
        }
        WorkerLink w = link.get();
        if (w == null) {
            return local.handle(request);
        }
        return table != null ? w.routeTable((TableImpl<?, ?>) table, key, request, local)
                : w.routeTopic(topic, key, request, local);
    }
}
