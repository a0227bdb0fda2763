package faust.worker.internal;

import faust.codecs.internal.JsonCodec;
import faust.internal.TableImpl;
import faust.web.internal.Route;
import faust.web.internal.Route.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Web routes of the tables: {@code /table/}, {@code /table/{name}/}, {@code /table/{name}/{key}} (answered by
 * the worker that owns the key's partition: other workers forward the request), {@code /router/} and
 * {@code /router/{name}/{key}}.
 */
public final class TableRoutes {
    private static final String ROUTED = "x-faust-routed";

    private final WorkerTables tables;
    private final Supplier<String> selfUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param tables the worker's tables
     * @param selfUrl this worker's web URL
     */
    public TableRoutes(WorkerTables tables, Supplier<String> selfUrl) {
        this.tables = tables;
        this.selfUrl = selfUrl;
    }

    /** @return the routes */
    public List<Route> routes() {
        return List.of(
                new Route("/table/", (p, h) -> list()),
                new Route("/table/{name}/", (p, h) -> items(p.get("name"))),
                new Route("/table/{name}/{key}", (p, h) -> key(p.get("name"), p.get("key"), h)),
                new Route("/router/", (p, h) -> new Response(200, tables.owners())),
                new Route("/router/{name}/{key}", (p, h) -> route(p.get("name"), p.get("key"))));
    }

    private TableImpl<?, ?> table(String name) {
        for (TableImpl<?, ?> t : tables.tables()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private Response list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableImpl<?, ?> t : tables.tables()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("changelog", t.changelogTopic());
            m.put("partitions", tables.partitions(t));
            m.put("global", t.global());
            m.put("active", tables.runtime().activePartitions(t));
            m.put("standby", tables.standbys());
            m.put("help", t.help());
            out.add(m);
        }
        return new Response(200, out);
    }

    private Response items(String name) {
        TableImpl<?, ?> t = table(name);
        if (t == null) {
            return missing(name);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        t.local().forEach((k, v) -> out.put(String.valueOf(k), v));
        return new Response(200, out);
    }

    private static Response missing(String name) {
        return new Response(404, Map.of("error", "no table named " + name));
    }

    /**
     * @param t a table
     * @param text a key as given in a URL
     * @return the key's bytes as the table's key codec writes them
     */
    static byte[] keyBytes(TableImpl<?, ?> t, String text) {
        if (t.keyType() == String.class || t.keyType() == byte[].class || t.keyType() == Object.class) {
            return t.keyCodec().encode(text);
        }
        try {
            return t.keyCodec().encode(JsonCodec.mapper().readValue(text, t.keyType()));
        } catch (IOException e) {
            return t.keyCodec().encode(text);
        }
    }

    private Response route(String name, String key) {
        TableImpl<?, ?> t = table(name);
        if (t == null) {
            return missing(name);
        }
        int p = tables.runtime().partitioner().partition(keyBytes(t, key), tables.partitions(t));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", name);
        out.put("key", key);
        out.put("partition", p);
        out.put("owner", tables.owners().get(p));
        return new Response(200, out);
    }

    private Response key(String name, String key, Map<String, String> headers) {
        TableImpl<?, ?> t = table(name);
        if (t == null) {
            return missing(name);
        }
        byte[] k = keyBytes(t, key);
        int p = tables.runtime().partitioner().partition(k, tables.partitions(t));
        if (tables.runtime().isActive(t, p)) {
            byte[] v = t.getRaw(k, p);
            Object value = v == null ? t.missingValue() : t.decodeValue(v);
            return new Response(200, value);
        }
        String owner = tables.owners().get(p);
        if (headers.containsKey(ROUTED) || owner == null || owner.isBlank() || owner.equals(selfUrl.get())) {
            return new Response(503, Map.of("error", "partition " + p + " of table " + name
                    + " is not held by any worker that answers now; try again after the rebalance"));
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(owner + "/table/" + enc(name) + "/" + enc(key)))
                    .header(ROUTED, "1").timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Response(resp.statusCode(), new Route.RawJson(resp.body()));
        } catch (IOException e) {
            return new Response(502, Map.of("error", "the owner of partition " + p + " (" + owner
                    + ") did not answer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(503, Map.of("error", "interrupted"));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
