package faust.internal;

import faust.Topic;
import faust.web.Handler;
import faust.web.Request;

/**
 * What an app asks of the worker running it: leadership and the routing of requests to the worker that owns
 * a key. Installed by the worker while it runs ({@link AppAccess#link}); absent outside a worker.
 */
public interface WorkerLink {
    /** @return whether this worker holds the leader topic's partition now */
    boolean isLeader();

    /**
     * Answers a request here when this worker owns the key's partition of the table, else forwards it to the
     * owner and returns the owner's response.
     *
     * @param table the table
     * @param key the key, as text
     * @param request the request
     * @param local answers it here
     * @return the response body or a {@code Response}
     * @throws Exception from {@code local}, or an {@code HttpError} when no owner answers
     */
    Object routeTable(TableImpl<?, ?> table, String key, Request request, Handler local) throws Exception;

    /**
     * As {@link #routeTable}, for the worker that holds the key's partition of a topic.
     *
     * @param topic the topic
     * @param key the key, as text
     * @param request the request
     * @param local answers it here
     * @return the response body or a {@code Response}
     * @throws Exception from {@code local}, or an {@code HttpError} when no owner answers
     */
    Object routeTopic(Topic<?, ?> topic, String key, Request request, Handler local) throws Exception;
}
