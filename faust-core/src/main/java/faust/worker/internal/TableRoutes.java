package faust.worker.internal;

import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.Codecs;
import faust.internal.TableImpl;
import faust.internal.WindowStoreKeys;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Web routes of the tables: {@code /table/}, {@code /table/{name}/}, {@code /table/{name}/{key}} (answered by
 * the worker that owns the key's partition: other workers forward the request), {@code /router/} and
 * {@code /router/{name}/{key}}.
 *
 * <p>A key in a URL is text for a text key and JSON otherwise ({@code /table/counts/42},
 * {@code /table/orders/%7B%22id%22%3A1%7D}). It is looked for in this worker's partitions, its home
 * partition first (see {@link TableImpl}); when none has it and its home partition is another worker's, the
 * request goes there. Values are shown as the table stores them: Faust's JSON, records with their marker. A key
 * of a windowed table shows its live windows: {@code [{"start": ..., "end": ..., "value": ...}]}.
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
        if (t.window() != null) {
            Map<String, List<Object>> byKey = new LinkedHashMap<>();
            tables.runtime().forEachLocal(t, (k, v) -> {
                if (WindowStoreKeys.isWindow(k)) {
                    long start = WindowStoreKeys.start(k);
                    byKey.computeIfAbsent(keyText(t, WindowStoreKeys.key(k)), x -> new ArrayList<>())
                            .add(window(t, start, v));
                }
            });
            out.putAll(byKey);
            return new Response(200, out);
        }
        tables.runtime().forEachLocal(t, (k, v) -> out.put(keyText(t, k), valueBody(t, v)));
        return new Response(200, out);
    }

    /**
     * The live windows of a key of a windowed table, by start: {@code [{"start": "2026-12-02T02:23:50Z",
     * "end": "2026-12-02T02:24:00Z", "value": 2}]} (end exclusive).
     */
    private List<Object> windows(TableImpl<?, ?> t, byte[] key, int p) {
        long closed = tables.runtime().closedUpTo(t, p);
        List<Object> out = new ArrayList<>();
        tables.runtime().scan(t, p, WindowStoreKeys.keyFrom(key), WindowStoreKeys.keyTo(key), (k, v) -> {
            long start = WindowStoreKeys.start(k);
            if (t.window().end(start) > closed) {
                out.add(window(t, start, v));
            }
        });
        return out;
    }

    private static Map<String, Object> window(TableImpl<?, ?> t, long start, byte[] value) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("start", Instant.ofEpochMilli(start).toString());
        w.put("end", Instant.ofEpochMilli(t.window().end(start)).toString());
        w.put("value", valueBody(t, WindowStoreKeys.payload(t.window(), value)));
        return w;
    }

    private static Response missing(String name) {
        return new Response(404, Map.of("error", "no table named " + name));
    }

    /** A key as the pages show it: text as it is, other keys as their JSON. */
    private static <K> String keyText(TableImpl<K, ?> t, byte[] bytes) {
        K key = t.decodeKey(bytes);
        if (key instanceof CharSequence s) {
            return s.toString();
        }
        if (key instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (t.keyCodec().name().equals("json")) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(Codecs.json(t.keyType()).encode(key), StandardCharsets.UTF_8);
    }

    /** A value as the pages show it: the stored JSON itself (Faust's form, records with their marker). */
    private static <V> Object valueBody(TableImpl<?, V> t, byte[] bytes) {
        if (bytes == null) {
            return t.missingValue();
        }
        if (t.valueCodec().name().equals("json") && t.valueType().rawType() != byte[].class) {
            return new Route.RawJson(new String(bytes, StandardCharsets.UTF_8));
        }
        return t.decodeValue(bytes);
    }

    /** A key typed in a URL: text for text keys, JSON for others ({@code 42}, {@code {"id":1}}). */
    private static <K> K keyOf(TableImpl<K, ?> t, String text) {
        Class<K> raw = t.keyType().rawType();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (raw == String.class || raw == CharSequence.class) {
            return raw.cast(text);
        }
        if (raw == byte[].class) {
            return raw.cast(utf8);
        }
        Codec<K> json = t.keyCodec().name().equals("json") ? t.keyCodec() : Codecs.json(t.keyType());
        return json.decode(utf8);
    }

    /**
     * The partition that answers for a key typed in a URL (user pages routed with {@code tableRoute}): a
     * partition of this worker that holds the key, else the key's home partition.
     *
     * @param tables the worker's tables
     * @param t a table
     * @param text the key as given in the URL
     * @return the partition
     */
    static int answeringPartition(WorkerTables tables, TableImpl<?, ?> t, String text) {
        return locate(tables, t, text).answering();
    }

    /** Where a key is: its bytes, its home partition, and the local partition holding it (-1: none). */
    private record Located(byte[] key, int home, int found) {
        int answering() {
            return found >= 0 ? found : home;
        }
    }

    private Located locate(TableImpl<?, ?> t, String text) {
        return locate(tables, t, text);
    }

    private static <K> Located locate(WorkerTables tables, TableImpl<K, ?> t, String text) {
        K key = keyOf(t, text);
        byte[] k = t.encodeKey(key);
        int home = t.homePartition(key, k);
        return new Located(k, home, tables.runtime().find(t, k, home));
    }

    private Response route(String name, String key) {
        TableImpl<?, ?> t = table(name);
        if (t == null) {
            return missing(name);
        }
        Located at;
        try {
            at = locate(t, key);
        } catch (CodecException e) {
            return badKey(t, key, e);
        }
        int p = at.found() >= 0 ? at.found() : at.home();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", name);
        out.put("key", key);
        out.put("partition", p);
        out.put("owner", tables.owners().get(p));
        return new Response(200, out);
    }

    private static Response badKey(TableImpl<?, ?> t, String key, CodecException e) {
        return new Response(400, Map.of("error", "key '" + key + "' is not a " + t.keyType() + " of table " + t.name()
                + " (give it as JSON): " + e.getMessage()));
    }

    private Response key(String name, String key, Map<String, String> headers) {
        TableImpl<?, ?> t = table(name);
        if (t == null) {
            return missing(name);
        }
        Located at;
        try {
            at = locate(t, key);
        } catch (CodecException e) {
            return badKey(t, key, e);
        }
        if (at.found() >= 0) {
            return new Response(200, t.window() != null ? windows(t, at.key(), at.found())
                    : valueBody(t, t.getRaw(at.key(), at.found())));
        }
        int p = at.home();
        if (tables.runtime().isActive(t, p)) {
            return new Response(200, t.window() != null ? List.of() : valueBody(t, null));
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
