package faust.web.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A GET route of the worker's web server.
 *
 * @param path Javalin path, e.g. {@code /table/{name}/{key}}
 * @param handler path parameters and request headers to the response
 */
public record Route(String path, BiFunction<Map<String, String>, Map<String, String>, Response> handler) {
    /**
     * A response: a status and a body serialised as JSON (or sent as is when it is a {@code RawJson} or a
     * {@code Content}).
     *
     * @param status HTTP status
     * @param body the body
     */
    public record Response(int status, Object body) {
    }

    /**
     * A body that is already JSON text (a proxied answer, a table's stored value); written as it is, also
     * inside another body.
     *
     * @param json the text
     */
    public record RawJson(@JsonValue @JsonRawValue String json) {
    }

    /**
     * A body sent as it is, with its content type (Prometheus' text format, the dashboard's files).
     *
     * @param contentType e.g. {@code text/html; charset=utf-8}
     * @param bytes the body
     */
    public record Content(String contentType, byte[] bytes) {
    }
}
