package faust.worker.internal;

import faust.App;
import faust.ConfigException;
import faust.Setting;
import faust.Settings;
import faust.Table;
import faust.Topic;
import faust.agents.internal.AgentRunner;
import faust.internal.Sender;
import faust.internal.TableImpl;
import faust.internal.WindowSpec;
import faust.sensors.internal.TableSource;
import faust.stores.StoreFactory;
import faust.stores.StoreMetrics;
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
 * The worker's tables as a service: partition counts and co-partitioning ({@link #plan}), their changelog
 * topics, stores, the changelog reader (recovery, standbys, global tables), ownership of partitions for web
 * lookups. Started after the agents built their streams (so the topics their loops read, repartition topics
 * included, are known) and before the consumer, so that a partition assigned by the first poll can be
 * recovered.
 */
public final class WorkerTables implements PartitionHooks, Service {
    private final App app;
    private final Settings settings;
    private final Collaborators collaborators;
    private final Supplier<Path> appdir;
    private final Supplier<Sender> sender;
    private final IntConsumer recovered;
    private final Runnable changed;
    private final List<AgentRunner<?, ?>> runners;
    private final Supplier<TopicAdmin> admin;
    private final List<TableImpl<?, ?>> tables = new ArrayList<>();
    private volatile Integer common;
    private final Map<String, Integer> partitions = new HashMap<>();
    private volatile TableRuntime runtime;
    private volatile ChangelogReader reader;
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
     * @param runners the agents (the topics their loops read feed the tables)
     * @param admin the worker's admin client, once started (plans and creates the changelogs)
     */
    public WorkerTables(App app, Settings settings, Collaborators collaborators, Supplier<Path> appdir,
                        Supplier<Sender> sender, IntConsumer recovered, Runnable changed,
                        List<AgentRunner<?, ?>> runners, Supplier<TopicAdmin> admin) {
        this.app = app;
        this.settings = settings;
        this.collaborators = collaborators;
        this.appdir = appdir;
        this.sender = sender;
        this.recovered = recovered;
        this.changed = changed;
        this.runners = List.copyOf(runners);
        this.admin = admin;
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
            TopicAdmin a = admin.get();
            a.ensure(plan(a), Duration.ofSeconds(60));
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
     * Works out each table's partition count and checks co-partitioning with the topics the agents' loops read
     * (an agent whose stream goes through {@code groupBy}/{@code through} reads the topics it declared; its own
     * topic is then only re-keyed).
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
        Map<String, Topic<?, ?>> feeding = new TreeMap<>();
        for (AgentRunner<?, ?> r : runners) {
            for (Topic<?, ?> t : r.topics().loopTopics()) {
                if (t.pattern() == null) {
                    feeding.putIfAbsent(t.name(), t);
                } else {
                    names.addAll(admin.matching(t.pattern())); // those that exist now; later ones are not checked
                }
            }
        }
        names.addAll(feeding.keySet());
        tables.forEach(t -> names.add(t.changelogTopic()));
        Map<String, Integer> existing = admin.partitionCounts(names);
        Map<String, Integer> sources = new TreeMap<>();
        Set<String> managers = new TreeSet<>();
        tables.stream().filter(t -> t.kind() instanceof faust.internal.TableKind.Sets<?>)
                .forEach(t -> managers.add(t.name() + "-setmanager"));
        for (String n : names) {
            if (managers.contains(n)) {
                continue; // a set table's manager topic has one partition, as Faust's: not a source of its own
            }
            Topic<?, ?> t = feeding.get(n);
            Integer count = existing.get(n);
            if (count == null && t != null) {
                count = t.partitions() != null ? t.partitions() : settings.integer(Setting.TOPIC_PARTITIONS);
            }
            if (count != null && tables.stream().noneMatch(tb -> tb.changelogTopic().equals(n))) {
                sources.put(n, count);
            }
        }
        if (new TreeSet<>(sources.values()).size() > 1) {
            throw new ConfigException("tables need co-partitioned sources, but the topics the agents read have"
                    + " different partition counts: " + describe(sources) + ": give every topic read by this app's"
                    + " agents the same number of partitions (a groupBy's repartition topic has topic_partitions)");
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
                    changelogConfig(t)));
        }
        this.common = sources.isEmpty() ? null : common;
        return specs;
    }

    /**
     * @param t a table
     * @return its changelog topic's configs, as Faust creates them: compacted; a windowed table's
     *     {@code compact,delete} with {@code retention.ms} = expires when its windows expire (sliding windows:
     *     {@code expires + 2 × time difference + 1 ms}, as long as the store keeps them); a set table's
     *     none (its records are operations, which compaction would lose)
     */
    static Map<String, String> changelogConfig(TableImpl<?, ?> t) {
        if (t.kind() instanceof faust.internal.TableKind.Sets<?>) {
            return Map.of(); // not compacted: the broker's default (delete), as Faust leaves it
        }
        WindowSpec w = t.window();
        if (w != null && w.expiring()) {
            return Map.of("cleanup.policy", "compact,delete", "retention.ms", Long.toString(w.retention()));
        }
        return Map.of("cleanup.policy", "compact");
    }

    /**
     * Checks a topic an agent's stream declared after the tables were planned (an agent that reached its loop
     * late): it must be partitioned like the tables' sources.
     *
     * @param topic the topic
     * @param count its partitions
     * @throws ConfigException when it is not
     */
    public void declared(String topic, int count) {
        Integer c = common;
        boolean partitioned = tables.stream().anyMatch(t -> !t.global());
        if (c != null && partitioned && count != c) {
            throw new ConfigException("topic " + topic + " has " + count + " partitions but the tables' sources have "
                    + c + ": a table updated after groupBy/through must be partitioned like that topic; give it "
                    + c + " partitions (topic_partitions)");
        }
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

    /** @return what the sensors read: keys, store counters and partitions per table, recovery progress */
    public TableSource sensorSource() {
        return new TableSource() {
            @Override
            public List<TableStats> tables() {
                TableRuntime r = runtime;
                if (r == null) {
                    return List.of();
                }
                List<TableStats> out = new ArrayList<>();
                for (TableImpl<?, ?> t : tables) {
                    StoreMetrics m = r.storeMetrics(t);
                    out.add(new TableStats(t.name(), r.keys(t), List.copyOf(r.activePartitions(t)),
                            t.global() ? List.of() : List.copyOf(new TreeSet<>(standbys)), m.gets(), m.puts(),
                            m.deletes(), m.batches(), m.batchedChanges()));
                }
                return out;
            }

            @Override
            public Recovery recovery() {
                ChangelogReader c = reader;
                return c == null ? new Recovery(0, List.of()) : new Recovery(c.recordsRead(), c.recovering());
            }
        };
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
