package faust.web.internal;

import faust.codecs.CodecException;
import faust.codecs.Codecs;
import faust.web.HttpError;
import faust.web.Response;
import faust.web.View;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's pages on the worker's web server: GET, POST, PUT and DELETE of each page go to its {@link View};
 * the result is written as JSON by the app's JSON codec (null: 204; a {@link Response} as it is), an
 * {@link HttpError} as its status with {@code {"error": message}}, any other exception as 500 with a JSON
 * error, its stack trace logged and never sent.
 */
public final class UserPages {
    private static final Logger LOG = LoggerFactory.getLogger(UserPages.class);

    /**
     * One page.
     *
     * @param path its path (Javalin syntax: {@code {name}} for a parameter)
     * @param view what answers it
     */
    public record Page(String path, View view) {
    }

    private UserPages() {
    }

    /**
     * @param cfg the server's config, while it is made
     * @param pages the pages
     */
    static void register(JavalinConfig cfg, List<Page> pages) {
        for (Page p : pages) {
            View v = p.view();
            cfg.routes.get(p.path(), ctx -> answer(ctx, () -> v.get(new JavalinRequest(ctx))));
            cfg.routes.post(p.path(), ctx -> answer(ctx, () -> v.post(new JavalinRequest(ctx))));
            cfg.routes.put(p.path(), ctx -> answer(ctx, () -> v.put(new JavalinRequest(ctx))));
            cfg.routes.delete(p.path(), ctx -> answer(ctx, () -> v.delete(new JavalinRequest(ctx))));
        }
    }

    /** What a page does for one request. */
    private interface Call {
        Object call() throws Exception;
    }

    private static void answer(Context ctx, Call call) {
        Object result;
        try {
            result = call.call();
        } catch (HttpError e) {
            error(ctx, e.status(), e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(ctx, 503, "the worker is stopping");
            return;
        } catch (Exception e) {
            LOG.error("page {} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
            error(ctx, 500, ctx.method() + " " + ctx.path() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        }
        try {
            if (result == null) {
                ctx.status(204);
            } else if (result instanceof Response r) {
                ctx.status(r.status());
                ctx.contentType(r.contentType());
                ctx.result(r.body());
            } else {
                byte[] json = Codecs.json(Object.class).encode(result);
                ctx.status(200);
                ctx.contentType("application/json");
                ctx.result(json);
            }
        } catch (CodecException e) {
            LOG.error("page {} {}: its result cannot be written as JSON: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 500, ctx.method() + " " + ctx.path() + ": the result cannot be written as JSON: "
                    + e.getMessage());
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Codecs.json(Object.class).encode(Map.of("error", message == null ? "error " + status : message))
        );
    }

    /** A Javalin request seen as a {@link faust.web.Request}. */
    private record JavalinRequest(Context ctx) implements faust.web.Request {
        @Override
        public String method() {
            return ctx.method().name();
        }

        @Override
        public String path() {
            return ctx.path();
        }

        @Override
        public String pathParam(String name) {
            String v = ctx.pathParamMap().get(name);
            if (v == null) {
                throw new HttpError(400, "the path " + ctx.path() + " has no parameter '" + name + "'");
            }
            return v;
        }

        @Override
        public Map<String, String> pathParams() {
            return Map.copyOf(ctx.pathParamMap());
        }

        @Override
        public String queryParam(String name) {
            return ctx.queryParam(name);
        }

        @Override
        public Map<String, List<String>> queryParams() {
            return Map.copyOf(ctx.queryParamMap());
        }

        @Override
        public String queryString() {
            String q = ctx.queryString();
            return q == null ? "" : q;
        }

        @Override
        public String header(String name) {
            return ctx.header(name);
        }

        @Override
        public byte[] body() {
            return ctx.bodyAsBytes();
        }

        @Override
        public String bodyText() {
            return new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public <T> T json(Class<T> type) {
            byte[] body = ctx.bodyAsBytes();
            if (body == null || body.length == 0) {
                throw new HttpError(400, "the request has no body: send JSON (a " + type.getSimpleName() + ")");
            }
            try {
                return Codecs.json(type).decode(body);
            } catch (CodecException e) {
                throw new HttpError(400, "the request body is not a valid " + type.getSimpleName() + ": "
                        + e.getMessage());
            }
        }
    }
}
