package faust.worker.internal;

import faust.Setting;
import faust.Settings;
import faust.Topic;
import faust.TopicPartition;
import faust.internal.TableImpl;
import faust.internal.WorkerLink;
import faust.transport.internal.DefaultPartitioner;
import faust.transport.internal.TopicAdmin;
import faust.web.Handler;
import faust.web.HttpError;
import faust.web.Request;
import faust.web.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker's side of {@code app.isLeader()}, {@code app.tableRoute} and {@code app.topicRoute}: a request for a
 * key is answered here when this worker owns the key's partition, else forwarded (method, path, query, body)
 * to the owner's web URL, as {@code /table/<name>/<key>} is ({@link TableRoutes}); a forwarded request is never
 * forwarded again.
 */
public final class PageRouter implements WorkerLink {
    private static final String ROUTED = "x-faust-routed";

    private final BooleanSupplier leader;
    private final WorkerTables tables;
    private final Supplier<Set<TopicPartition>> assignment;
    private final Supplier<String> selfUrl;
    private final Settings settings;
    private final Collaborators collaborators;
    private final Map<String, Integer> topicPartitions = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param leader whether this worker is the leader now
     * @param tables the worker's tables (owners of partitions)
     * @param assignment the partitions this worker holds now
     * @param selfUrl this worker's web URL
     * @param settings resolved settings
     * @param collaborators for an admin client (partition counts of routed topics)
     */
    public PageRouter(BooleanSupplier leader, WorkerTables tables, Supplier<Set<TopicPartition>> assignment,
                      Supplier<String> selfUrl, Settings settings, Collaborators collaborators) {
        this.leader = leader;
        this.tables = tables;
        this.assignment = assignment;
        this.selfUrl = selfUrl;
        this.settings = settings;
        this.collaborators = collaborators;
    }

    @Override
    public boolean isLeader() {
        return leader.getAsBoolean();
    }

    @Override
    public Object routeTable(TableImpl<?, ?> table, String key, Request request, Handler local) throws Exception {
        if (table.global() || tables.runtime() == null) {
            return local.handle(request);
        }
        int p = TableRoutes.answeringPartition(tables, table, key);
        if (tables.runtime().isActive(table, p)) {
            return local.handle(request);
        }
        return forward(request, p, "table " + table.name());
    }

    @Override
    public Object routeTopic(Topic<?, ?> topic, String key, Request request, Handler local) throws Exception {
        int count = partitions(topic);
        byte[] k = keyBytes(topic, key);
        int p = DefaultPartitioner.INSTANCE.partition(k, count);
        if (assignment.get().contains(new TopicPartition(topic.name(), p))) {
            return local.handle(request);
        }
        return forward(request, p, "topic " + topic.name());
    }

    /** The key as the topic's key codec writes it, read from the URL text as the key's type spells it. */
    @SuppressWarnings("unchecked")
    private static <K> byte[] keyBytes(Topic<K, ?> topic, String key) {
        Class<?> type = topic.keyType().rawType();
        byte[] text = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        K value;
        if (type == String.class || type == Object.class) {
            value = (K) key;
        } else if (type == byte[].class) {
            value = (K) text;
        } else {
            value = topic.keyCodec().decode(text);
        }
        return topic.keyCodec().encode(value);
    }

    private int partitions(Topic<?, ?> topic) {
        if (topic.partitions() != null) {
            return topic.partitions();
        }
        return topicPartitions.computeIfAbsent(topic.name(), name -> {
            try (TopicAdmin admin = TopicAdmin.create(collaborators.clients(), settings, collaborators.clock())) {
                Integer n = admin.partitionCounts(Set.of(name)).get(name);
                return n != null ? n : settings.integer(Setting.TOPIC_PARTITIONS);
            }
        });
    }

    private Response forward(Request request, int p, String what) throws InterruptedException {
        String owner = tables.owners().get(p);
        if (request.header(ROUTED) != null || owner == null || owner.isBlank() || owner.equals(selfUrl.get())) {
            throw new HttpError(503, "partition " + p + " of " + what + " is not held by any worker that answers"
                    + " now; try again after the rebalance");
        }
        String query = request.queryString();
        URI uri = URI.create(owner + request.path() + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header(ROUTED, "1").timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        String type = request.header("content-type");
        if (type != null) {
            b.header("content-type", type);
        }
        try {
            HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String contentType = resp.headers().firstValue("content-type").orElse("application/json");
            return Response.of(resp.statusCode(), contentType, resp.body());
        } catch (IOException e) {
            throw new HttpError(502, "the owner of partition " + p + " of " + what + " (" + owner
                    + ") did not answer: " + e.getMessage());
        }
    }
}
