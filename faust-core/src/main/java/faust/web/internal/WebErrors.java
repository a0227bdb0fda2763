package faust.web.internal;

import faust.codecs.internal.JsonCodec;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the web server answers when a request goes wrong: a 4xx (or 500) JSON document
 * {@code {"error": ..., "status": ...}}, never an HTML page or a stack trace; request bodies larger than
 * {@link #MAX_BODY_BYTES} are refused with 413 before they are read.
 */
final class WebErrors {
    /** The largest request body accepted (the worker's own routes take none; user pages take small ones). */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebErrors.class);
    private static final int[] STATUSES = {400, 404, 405, 408, 411, 413, 414, 415, 431, 500, 503};

    private WebErrors() {
    }

    /** Installs the limits and the JSON error answers. */
    static void install(JavalinConfig cfg) {
        cfg.http.maxRequestSize = MAX_BODY_BYTES;
        cfg.routes.before(ctx -> {
            long length = ctx.contentLength();
            if (length > MAX_BODY_BYTES) {
                ctx.header("Connection", "close");
                throw new HttpResponseException(413, "request body of " + length + " bytes is larger than the "
                        + MAX_BODY_BYTES + " bytes accepted");
            }
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(),
                e.getStatus() == 404 || e.getStatus() == 405 ? defaultMessage(ctx, e.getStatus()) : e.getMessage()));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            LOG.debug("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        });
        for (int status : STATUSES) {
            cfg.routes.error(status, ctx -> {
                if (ctx.resultInputStream() == null) {
                    answer(ctx, status, defaultMessage(ctx, status));
                }
            });
        }
    }

    private static String defaultMessage(Context ctx, int status) {
        return switch (status) {
            case 404 -> "no such page: " + ctx.method() + " " + ctx.path()
                    + " (the worker serves /, /health, /table/{name}, /table/{name}/{key})";
            case 405 -> ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "request body too large (at most " + MAX_BODY_BYTES + " bytes)";
            default -> "HTTP " + status;
        };
    }

    private static void answer(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(JsonCodec.mapper().writeValueAsString(body));
        } catch (Exception e) {
            ctx.result("{\"error\":\"HTTP " + status + "\",\"status\":" + status + "}");
        }
    }
}
