package faust.worker.internal;

import faust.Agent;
import faust.App;
import faust.ConfigException;
import faust.Setting;
import faust.Settings;
import faust.Table;
import faust.internal.Sender;
import faust.internal.TableImpl;
import faust.stores.StoreFactory;
import faust.stores.Stores;
import faust.tables.internal.TableRuntime;
import faust.transport.internal.ChangelogReader;
import faust.transport.internal.DefaultPartitioner;
import faust.transport.internal.PartitionHooks;
import faust.transport.internal.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The worker's tables as a service: partition counts and co-partitioning ({@link #plan}), stores, the
 * changelog reader (recovery, standbys, global tables), ownership of partitions for web lookups. Started
 * before the agents and the consumer, so that a partition assigned by the first poll can be recovered.
 */
public final class WorkerTables implements PartitionHooks, Service {
    private final App app;
    private final Settings settings;
    private final Collaborators collaborators;
    private final Supplier<Path> appdir;
    private final Supplier<Sender> sender;
    private final IntConsumer recovered;
    private final Runnable changed;
    private final List<TableImpl<?, ?>> tables = new ArrayList<>();
    private final Map<String, Integer> partitions = new HashMap<>();
    private TableRuntime runtime;
    private ChangelogReader reader;
    private volatile Map<Integer, String> owners = Map.of();
    private volatile Set<Integer> standbys = Set.of();

    /**
     * @param app the app
     * @param settings resolved settings
     * @param collaborators Kafka clients and clock
     * @param appdir the app's directory (tables live in {@code <appdir>/tables})
     * @param sender the worker's producer, once started
     * @param recovered told each partition number whose tables recovered (the fetcher resumes it)
     * @param changed told when readiness may have changed (global tables caught up)
     */
    public WorkerTables(App app, Settings settings, Collaborators collaborators, Supplier<Path> appdir,
                        Supplier<Sender> sender, IntConsumer recovered, Runnable changed) {
        this.app = app;
        this.settings = settings;
        this.collaborators = collaborators;
        this.appdir = appdir;
        this.sender = sender;
        this.recovered = recovered;
        this.changed = changed;
        for (Table<?, ?> t : app.tables()) {
            tables.add((TableImpl<?, ?>) t);
        }
    }

    @Override
    public String name() {
        return "tables";
    }

    @Override
    public void start() {
        if (any()) {
            open(appdir.get(), sender.get());
        }
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        close();
        return true;
    }

    /** @return whether the app has tables */
    public boolean any() {
        return !tables.isEmpty();
    }

    /**
     * Works out each table's partition count and checks co-partitioning.
     *
     * @param admin the admin client
     * @return the changelog topics to create
     * @throws ConfigException naming the topics whose partition counts differ
     */
    public List<TopicAdmin.Spec> plan(TopicAdmin admin) {
        if (tables.isEmpty()) {
            return List.of();
        }
        Set<String> names = new TreeSet<>();
        app.agents().forEach(a -> names.add(a.topic().name()));
        tables.forEach(t -> names.add(t.changelogTopic()));
        Map<String, Integer> existing = admin.partitionCounts(names);
        Map<String, Integer> sources = new TreeMap<>();
        for (Agent<?, ?> a : app.agents()) {
            String n = a.topic().name();
            Integer count = existing.get(n);
            if (count == null) {
                count = a.topic().partitions() != null ? a.topic().partitions() : settings.integer(Setting.TOPIC_PARTITIONS);
            }
            sources.put(n, count);
        }
        if (new TreeSet<>(sources.values()).size() > 1) {
            throw new ConfigException("tables need co-partitioned sources, but the agents' topics have different"
                    + " partition counts: " + describe(sources) + ": give every topic read by this app's agents the"
                    + " same number of partitions");
        }
        int common = sources.isEmpty() ? settings.integer(Setting.TOPIC_PARTITIONS)
                : sources.values().iterator().next();
        List<TopicAdmin.Spec> specs = new ArrayList<>();
        for (TableImpl<?, ?> t : tables) {
            int n = t.partitionsOption() != null ? t.partitionsOption() : common;
            if (!sources.isEmpty() && n != common && !t.global()) {
                throw new ConfigException("table " + t.name() + " has " + n + " partitions but its source topics have "
                        + common + " (" + describe(sources) + "): a table must be partitioned like the topics that"
                        + " update it");
            }
            Integer have = existing.get(t.changelogTopic());
            if (have != null && have != n) {
                Map<String, Integer> both = new LinkedHashMap<>(sources);
                both.put(t.changelogTopic(), have);
                throw new ConfigException("changelog topic " + t.changelogTopic() + " has " + have
                        + " partitions but table " + t.name() + " needs " + n + " (" + describe(both)
                        + "): recreate the changelog with " + n + " partitions, or give the sources " + have);
            }
            partitions.put(t.name(), n);
            specs.add(new TopicAdmin.Spec(t.changelogTopic(), n, (short) settings.integer(Setting.TOPIC_REPLICATION_FACTOR),
                    Map.of("cleanup.policy", "compact")));
        }
        return specs;
    }

    private static String describe(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Opens the stores' factories and starts the changelog reader (global tables start catching up). */
    private void open(Path appdir, Sender sender) {
        Map<String, StoreFactory> factories = new HashMap<>();
        Map<String, StoreFactory> byUrl = new HashMap<>();
        Path tablesDir = appdir.resolve("tables");
        for (TableImpl<?, ?> t : tables) {
            String url = t.storeOption() != null ? t.storeOption() : settings.text(Setting.STORE);
            factories.put(t.name(), byUrl.computeIfAbsent(url, u -> Stores.of(u, tablesDir)));
        }
        runtime = new TableRuntime(tables, partitions, factories, sender, DefaultPartitioner.INSTANCE,
                collaborators.clock());
        if (faust.transport.internal.Guarantee.exactlyOnce(settings)) {
            runtime.exactlyOnce();
        }
        runtime.bind();
        reader = new ChangelogReader(runtime, collaborators.clients(), settings, app.groupId() + "-changelog-reader",
                recovered, changed, collaborators.clock());
    }

    @Override
    public void assigned(int p) {
        reader.activate(p);
    }

    @Override
    public void revoked(int p) {
        reader.deactivate(p, Duration.ofSeconds(30));
    }

    @Override
    public void beforeFlush() {
        runtime.flushChanges();
    }

    @Override
    public void afterFlush() {
        runtime.persistOffsets();
    }

    @Override
    public void aborted() {
        runtime.discardChanges();
    }

    /**
     * Told by the assignor what this worker keeps as standby and who owns what.
     *
     * @param standbyPartitions standby partition numbers
     * @param ownerUrls partition number to its owner's web URL
     */
    public void assignment(Set<Integer> standbyPartitions, Map<Integer, String> ownerUrls) {
        this.owners = Map.copyOf(ownerUrls);
        this.standbys = Set.copyOf(standbyPartitions);
        if (reader != null) {
            reader.standbys(standbyPartitions);
        }
    }

    /** @return whether global tables caught up with their changelogs */
    public boolean caughtUp() {
        return reader == null || reader.globalsCaughtUp();
    }

    /** @return partition number to the owner's web URL */
    public Map<Integer, String> owners() {
        return owners;
    }

    /** @return standby partitions */
    public Set<Integer> standbys() {
        return standbys;
    }

    /** @return changelog records read into local stores */
    public long recordsRecovered() {
        return reader == null ? 0 : reader.recordsRead();
    }

    /** @return the tables' runtime, once started */
    public TableRuntime runtime() {
        return runtime;
    }

    /** @return the app's tables */
    public List<TableImpl<?, ?>> tables() {
        return tables;
    }

    /** @param t a table @return its partition count */
    public int partitions(TableImpl<?, ?> t) {
        return partitions.get(t.name());
    }

    private void close() {
        if (reader != null) {
            reader.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
