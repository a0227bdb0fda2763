package faust.worker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import faust.codecs.internal.JsonCodec;
import faust.internal.Clock;
import faust.sensors.internal.Sampler;
import faust.sensors.internal.Sensors;
import faust.sensors.internal.StatsJson;
import faust.web.internal.Route;
import faust.web.internal.Route.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Web routes of the sensors: {@code /metrics} (Prometheus' text format), {@code /dashboard} (a page that draws the
 * whole cluster live, with its scripts and uPlot from the jar), {@code /dashboard/api/worker/{seconds}} (this
 * worker's figures with that much history) and {@code /dashboard/api/cluster/{seconds}} (every worker's: this one
 * asks the others, whose URLs the partition assignor told it, so the page talks to one origin only).
 */
public final class SensorRoutes {
    private static final Duration PEER_TIMEOUT = Duration.ofMillis(1500);
    private static final String PAGE = "faust/dashboard/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    /**
     * The worker's parts these routes read.
     *
     * @param sensors the worker's sensors
     * @param status the status document ({@code GET /})
     * @param selfUrl this worker's web URL
     * @param peers the web URLs of the workers that own partitions (this one's included)
     * @param standbys the partitions this worker keeps as standby
     * @param clock the worker's clock
     */
    public record Parts(Sensors sensors, Supplier<Map<String, Object>> status, Supplier<String> selfUrl,
                        Supplier<Set<String>> peers, Supplier<Set<Integer>> standbys, Clock clock) {
    }

    private final Parts parts;
    private final StatsJson json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();
    private final Map<String, Route.Content> files = new ConcurrentHashMap<>();

    /** @param parts what the routes read */
    public SensorRoutes(Parts parts) {
        this.parts = parts;
        this.json = new StatsJson(parts.sensors());
    }

    /** @return the routes */
    public List<Route> routes() {
        return List.of(
                new Route("/metrics", (p, h) -> metrics()),
                new Route("/dashboard", (p, h) -> file("index.html")),
                new Route("/dashboard/{file}", (p, h) -> file(p.get("file"))),
                new Route("/dashboard/api/worker/{seconds}", (p, h) -> new Response(200, worker(seconds(p)))),
                new Route("/dashboard/api/cluster/{seconds}", (p, h) -> cluster(seconds(p))));
    }

    private Response metrics() {
        String text = parts.sensors().scrape();
        if (text == null) {
            return new Response(404, Map.of("error", "metrics are off on this worker: start it with"
                    + " metrics_enabled=true (FAUST_METRICS_ENABLED) to serve /metrics"));
        }
        return new Response(200, new Route.Content(Sensors.PROMETHEUS_CONTENT_TYPE,
                text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int seconds(Map<String, String> p) {
        try {
            return Math.max(0, Math.min(Sampler.KEEP, Integer.parseInt(p.get("seconds"))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return this worker's figures for the dashboard and {@code faust status} */
    Map<String, Object> worker(int seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", parts.selfUrl().get());
        m.put("time", parts.clock().millis());
        m.put("status", parts.status().get());
        m.put("standby_partitions", new TreeSet<>(parts.standbys().get()));
        m.put("metrics_enabled", parts.sensors().enabled());
        if (parts.sensors().enabled()) {
            m.put("sensors", json.dashboard(seconds));
        }
        return m;
    }

    private Response cluster(int seconds) {
        String self = parts.selfUrl().get();
        Set<String> others = new LinkedHashSet<>(new TreeSet<>(parts.peers().get()));
        others.remove(self);
        others.removeIf(u -> u == null || u.isBlank());
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (String url : others) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/dashboard/api/worker/" + seconds))
                    .timeout(PEER_TIMEOUT).GET().build();
            answers.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> r.statusCode() == 200 && r.body().startsWith("{") ? r.body()
                            : error(url, "answered HTTP " + r.statusCode()))
                    .exceptionally(e -> error(url, "did not answer (" + rootMessage(e) + ")")));
        }
        StringBuilder out = new StringBuilder();
        try {
            out.append("{\"self\":").append(JsonCodec.mapper().writeValueAsString(self)).append(",\"workers\":[");
            out.append(JsonCodec.mapper().writeValueAsString(worker(seconds)));
            for (CompletableFuture<String> a : answers) {
                out.append(',').append(a.join());
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.append("]}");
        return new Response(200, new Route.RawJson(out.toString()));
    }

    private static String error(String url, String what) {
        try {
            return JsonCodec.mapper().writeValueAsString(Map.of("url", url, "error", "worker " + url + " " + what));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private Response file(String name) {
        String path = resource(name);
        if (path == null) {
            return new Response(404, Map.of("error", "no dashboard file named " + name));
        }
        Route.Content c = files.computeIfAbsent(name, n -> load(path, n));
        return new Response(200, c);
    }

    private static String resource(String name) {
        return switch (name) {
            case "index.html", "dashboard.js", "dashboard.css" -> PAGE + name;
            case "uPlot.iife.min.js", "uPlot.min.css" -> "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/"
                    + name;
            default -> null;
        };
    }

    private static String uplotVersion() {
        try (InputStream in = SensorRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "1.6.30");
        } catch (IOException e) {
            return "1.6.30";
        }
    }

    private static Route.Content load(String path, String name) {
        try (InputStream in = SensorRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + path + " is missing from the class path");
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return new Route.Content(TYPES.get(ext), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
