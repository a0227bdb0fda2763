package faust.worker.internal;

import faust.Setting;
import faust.Settings;
import faust.web.internal.Route;
import faust.web.internal.UserPages;
import faust.web.internal.WebServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker's web server ({@code --web-port}): {@code /} status, {@code /health}, the table routes, the app's
 * pages. Started
 * before the consumer so that other workers can forward table lookups as soon as partitions move here.
 */
public final class WebService implements Service {
    private final Settings settings;
    private final Supplier<Map<String, Object>> status;
    private final BooleanSupplier ready;
    private final Supplier<List<Route>> routes;
    private final List<UserPages.Page> pages;
    private volatile WebServer web;

    /**
     * @param settings resolved settings (bind address, port, host)
     * @param status the status document served at {@code /}
     * @param ready whether {@code /health} answers 200
     * @param routes more GET routes
     * @param pages the app's pages
     */
    public WebService(Settings settings, Supplier<Map<String, Object>> status, BooleanSupplier ready,
                      Supplier<List<Route>> routes, List<UserPages.Page> pages) {
        this.settings = settings;
        this.status = status;
        this.ready = ready;
        this.routes = routes;
        this.pages = List.copyOf(pages);
    }

    @Override
    public String name() {
        return "web";
    }

    @Override
    public void start() {
        web = WebServer.start(settings.text(Setting.WEB_BIND), settings.integer(Setting.WEB_PORT), status, ready,
                routes.get(), pages);
    }

    /** @return the port it listens on, or -1 before it started */
    public int port() {
        WebServer w = web;
        return w == null ? -1 : w.port();
    }

    /** @return this worker's web URL as other workers reach it, or "" before it started */
    public String url() {
        WebServer w = web;
        return w == null ? "" : "http://" + host(settings) + ":" + w.port();
    }

    private static String host(Settings settings) {
        String h = settings.text(Setting.WEB_HOST);
        if (!h.isBlank()) {
            return h;
        }
        String bind = settings.text(Setting.WEB_BIND);
        return bind.equals("0.0.0.0") ? hostname() : bind;
    }

    /** @return this machine's name, or {@code localhost} */
    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        web.close();
        return true;
    }
}
