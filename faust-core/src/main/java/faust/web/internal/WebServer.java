package faust.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import faust.ConfigException;
import faust.FaustException;
import faust.codecs.internal.JsonCodec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker's HTTP server (Javalin): {@code GET /} answers the worker's status as JSON,
 * {@code GET /health} 200 once the worker is ready and 503 before.
 */
public final class WebServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebServer.class);
    private final Javalin javalin;
    private final int port;

    private WebServer(Javalin javalin, int port) {
        this.javalin = javalin;
        this.port = port;
    }

    /**
     * Starts the server.
     *
     * @param bind address to bind
     * @param port port, 0 for any free one
     * @param status the status document served at {@code /}
     * @param ready whether {@code /health} answers 200
     * @param routes more GET routes
     * @return the running server
     * @throws FaustException naming {@code --web-port} when the port is in use
     */
    public static WebServer start(String bind, int port, Supplier<Map<String, Object>> status, BooleanSupplier ready,
                                  java.util.List<Route> routes) {
        return start(bind, port, status, ready, routes, java.util.List.of());
    }

    /**
     * Starts the server with the app's pages too.
     *
     * @param bind address to bind
     * @param port port, 0 for any free one
     * @param status the status document served at {@code /}
     * @param ready whether {@code /health} answers 200
     * @param routes more GET routes
     * @param pages the app's pages ({@code app.page})
     * @return the running server
     * @throws FaustException naming {@code --web-port} when the port is in use
     */
    public static WebServer start(String bind, int port, Supplier<Map<String, Object>> status, BooleanSupplier ready,
                                  java.util.List<Route> routes, java.util.List<UserPages.Page> pages) {
        checkFree(bind, port);
        Javalin j = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = bind;
            cfg.jetty.port = port;
            WebErrors.install(cfg);
            cfg.routes.get("/", ctx -> json(ctx, 200, status.get()));
            cfg.routes.get("/health", ctx -> {
                boolean ok = ready.getAsBoolean();
                json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ready" : "starting"));
            });
            for (Route r : routes) {
                cfg.routes.get(r.path(), ctx -> {
                    Map<String, String> headers = new java.util.HashMap<>();
                    ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                    Route.Response resp = r.handler().apply(ctx.pathParamMap(), headers);
                    json(ctx, resp.status(), resp.body());
                });
            }
            UserPages.register(cfg, pages);
        });
        if (isAnyAddress(bind)) {
            LOG.warn("the web server listens on all interfaces ({}): the worker's status and table contents are"
                    + " readable by anyone who can reach port {}; give --web-bind 127.0.0.1 or a firewall rule"
                    + " unless other workers or a load balancer need it", bind, port);
        }
        try {
            j.start();
        } catch (RuntimeException e) {
            throw new ConfigException("the web server could not listen on " + bind + ":" + port + " (" + rootMessage(e)
                    + "): choose another --web-port, or --without-web", e);
        }
        return new WebServer(j, j.port());
    }

    private static boolean isAnyAddress(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void checkFree(String bind, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port));
        } catch (BindException e) {
            throw new ConfigException("web port " + port + " on " + bind + " is already in use: give this worker"
                    + " another --web-port (each worker on a machine needs its own), or --without-web");
        } catch (IOException e) {
            throw new ConfigException("the web server cannot bind " + bind + ":" + port + " (" + e.getMessage()
                    + "): check --web-bind and --web-port");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void json(Context ctx, int code, Object body) throws JsonProcessingException {
        ctx.status(code);
        if (body instanceof Route.Content c) {
            ctx.contentType(c.contentType());
            ctx.result(c.bytes());
            return;
        }
        ctx.contentType("application/json");
        ctx.result(body instanceof Route.RawJson raw ? raw.json()
                : JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
