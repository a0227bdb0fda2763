package faust.sensors.internal;

import faust.internal.Clock;
import faust.sensors.Metrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensors of one worker: a Micrometer registry (Prometheus for {@code GET /metrics}, statsd or Datadog when
 * the {@code monitor} setting names them, and any registry a test adds), the meters of the agents, partitions,
 * tables, producer, commits and rebalances, and the one-second {@link Sampler} behind the status document and the
 * dashboard. Made by the worker; no static registry. When off ({@code metrics_enabled=false}) the registry has no
 * backend, meters do nothing and nothing is sampled.
 */
public final class Sensors implements AutoCloseable {
    /** Content type of {@link #scrape()}: Prometheus' text format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(Sensors.class);
    private static final Duration[] EVENT_SLOS = {Duration.ofNanos(100_000), Duration.ofMillis(1),
        Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)};

    private final boolean enabled;
    private final Clock clock;
    private final CompositeMeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final List<Exporters.Target> targets;
    private final List<MeterRegistry> exporters = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ErrorLog errors;
    private final CommitMeters commits;
    private final RebalanceMeters rebalances;
    private final SendMeters sends;
    private final Timer sendLatency;
    private final Map<String, AgentSource> agents = new LinkedHashMap<>();
    private final Map<String, Timer> agentTimers = new HashMap<>();
    private final Partitions partitions;
    private final Sampler sampler;
    private volatile TableSource tables = TableSource.NONE;
    private volatile SendSource sent = SendSource.NONE;
    private final Map<String, SendSource.Counts> sentByTopic = new java.util.concurrent.ConcurrentHashMap<>();

    private Sensors(boolean enabled, String appId, String monitor, Clock clock, MeterRegistry extra) {
        this.enabled = enabled;
        this.clock = clock;
        this.registry = new CompositeMeterRegistry(MicrometerClock.of(clock));
        if (enabled) {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                    MicrometerClock.of(clock));
            registry.add(prometheus);
            if (extra != null) {
                registry.add(extra);
            }
            registry.config().commonTags("app", appId);
            targets = Exporters.parse(monitor);
        } else {
            prometheus = null;
            targets = List.of();
        }
        this.errors = new ErrorLog(registry, clock::millis);
        this.commits = new CommitMeters(registry, clock);
        this.rebalances = new RebalanceMeters(registry, clock);
        this.sendLatency = Timer.builder(Metrics.SEND_LATENCY)
                .description("from a send to the broker's acknowledgement, on a sample of the sends (one in "
                        + SendMeters.EVERY + ", and one a second)")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.sends = enabled ? new SendMeters(sendLatency, clock) : SendMeters.NONE;
        this.partitions = new Partitions(registry);
        this.sampler = new Sampler(this, clock);
    }

    /**
     * @param appId the app id (tag {@code app} of every meter)
     * @param enabled {@code metrics_enabled}
     * @param monitor the {@code monitor} setting: exporters besides Prometheus ("" for none)
     * @param clock the worker's clock
     * @param extra another registry the meters go to (tests), or null
     * @return the worker's sensors, not started
     */
    public static Sensors create(String appId, boolean enabled, String monitor, Clock clock, MeterRegistry extra) {
        return new Sensors(enabled, appId, monitor, clock, extra);
    }

    /** @return whether the sensors are on */
    public boolean enabled() {
        return enabled;
    }

    /** @return the registry every meter is registered in */
    public MeterRegistry registry() {
        return registry;
    }

    /** Starts the JVM meters, the exporters and the sampler. */
    public void start() {
        if (!enabled) {
            return;
        }
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (Exporters.Target t : targets) {
            MeterRegistry r = Exporters.start(t, MicrometerClock.of(clock));
            exporters.add(r);
            registry.add(r);
            LOG.info("metrics go to {} ({})", t.url(), t.flavor());
        }
        sampler.start();
    }

    @Override
    public void close() {
        sampler.stop();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
        for (MeterRegistry r : exporters) {
            registry.remove(r);
            r.close();
        }
        registry.close();
    }

    /** @return the meters in Prometheus' text format ({@link #PROMETHEUS_CONTENT_TYPE}), or null when off */
    public String scrape() {
        return prometheus == null ? null : prometheus.scrape();
    }

    /**
     * Registers an agent's meters.
     *
     * @param agent what to read from it
     * @return where its loop records a sample of its events' durations, or null when the sensors are off
     */
    public synchronized Timer agent(AgentSource agent) {
        agents.put(agent.name(), agent);
        Tags tags = Tags.of("agent", agent.name());
        FunctionCounter.builder(Metrics.AGENT_EVENTS, agent, a -> a.events().getAsLong()).tags(tags)
                .description("events the agent's stream took from its buffer").register(registry);
        Gauge.builder(Metrics.AGENT_EVENTS_ACTIVE, agent, a -> a.active().getAsInt()).tags(tags).strongReference(true)
                .description("events the agent is processing now").register(registry);
        Gauge.builder(Metrics.AGENT_BUFFER_SIZE, agent, a -> a.buffered().getAsInt()).tags(tags).strongReference(true)
                .description("events waiting in the agent's buffer").register(registry);
        Gauge.builder(Metrics.AGENT_BUFFER_CAPACITY, agent, AgentSource::capacity).tags(tags).strongReference(true)
                .description("the agent's buffer capacity (stream_buffer_maxsize)").register(registry);
        errors.agent(agent.name());
        Timer t = Timer.builder(Metrics.AGENT_EVENT_DURATION).tags(tags)
                .description("the agent's loop per event, on a sample of the events")
                .publishPercentiles(0.5, 0.99).serviceLevelObjectives(EVENT_SLOS).register(registry);
        agentTimers.put(agent.name(), t);
        return enabled ? t : null;
    }

    /**
     * Registers the worker's own meters.
     *
     * @param state its state's name, lower case
     * @param ready whether it is ready
     * @param active partitions assigned
     * @param standby standby partitions kept
     * @param leader whether it is the leader now
     */
    public void worker(Supplier<String> state, BooleanSupplier ready, IntSupplier active, IntSupplier standby,
                       BooleanSupplier leader) {
        for (String s : List.of("init", "starting", "running", "stopping", "stopped")) {
            Gauge.builder(Metrics.WORKER_STATE, state, st -> s.equals(st.get()) ? 1 : 0).tag("state", s)
                    .strongReference(true).description("1 for the worker's state").register(registry);
        }
        Gauge.builder(Metrics.WORKER_READY, ready, r -> r.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 when the worker is ready").register(registry);
        Gauge.builder(Metrics.WORKER_LEADER, leader, r -> r.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 while the worker is the leader").register(registry);
        Gauge.builder(Metrics.WORKER_PARTITIONS, active, IntSupplier::getAsInt).tag("role", "active")
                .strongReference(true).description("partitions this worker holds").register(registry);
        Gauge.builder(Metrics.WORKER_PARTITIONS, standby, IntSupplier::getAsInt).tag("role", "standby")
                .strongReference(true).description("partitions this worker holds").register(registry);
    }

    /**
     * Registers the tables' meters (once).
     *
     * @param source what to read from the tables
     * @param names the tables' names
     */
    public void tables(TableSource source, List<String> names) {
        TableCache cache = new TableCache(source, clock);
        this.tables = cache;
        for (String name : names) {
            Tags tags = Tags.of("table", name);
            Gauge.builder(Metrics.TABLE_KEYS, cache, c -> c.stats(name).keys()).tags(tags).strongReference(true)
                    .description("keys in the partitions held active").register(registry);
            for (String op : List.of("get", "put", "delete", "batch")) {
                FunctionCounter.builder(Metrics.TABLE_OPERATIONS, cache, c -> c.operations(name, op)).tags(tags)
                        .tag("operation", op).description("table store calls").register(registry);
            }
            FunctionCounter.builder(Metrics.TABLE_CHANGES, cache, c -> c.stats(name).changes()).tags(tags)
                    .description("changes written to the store in batches").register(registry);
        }
        FunctionCounter.builder(Metrics.TABLE_RECOVERY_RECORDS, cache, c -> c.recovery().recordsRead())
                .description("changelog records read into local stores").register(registry);
        Gauge.builder(Metrics.TABLE_RECOVERY_RECORDS_LEFT, cache, c -> c.recovery().left()).strongReference(true)
                .description("changelog records left to recover").register(registry);
        Gauge.builder(Metrics.TABLE_RECOVERY_PARTITIONS, cache, c -> c.recovery().recovering().size())
                .strongReference(true).description("table partitions being recovered").register(registry);
    }

    /** @param source the producer's counts by topic */
    public void sent(SendSource source) {
        this.sent = source;
        sampler.sendSource(source);
    }

    /**
     * The producer's counts as the sampler read them: registers the meters of topics seen for the first time.
     *
     * @param counts counts by topic
     */
    void sentCounts(Map<String, SendSource.Counts> counts) {
        counts.forEach((topic, c) -> {
            if (sentByTopic.put(topic, c) == null) {
                FunctionCounter.builder(Metrics.MESSAGES_SENT, sentByTopic, m -> m.get(topic).sent()).tag("topic", topic)
                        .description("records the worker's producer sent").register(registry);
                FunctionCounter.builder(Metrics.SEND_ERRORS, sentByTopic, m -> m.get(topic).errors()).tag("topic", topic)
                        .description("records the producer could not send").register(registry);
            }
        });
    }

    /** @return the sampled send latency, for the worker's producer */
    public SendMeters sends() {
        return sends;
    }

    /** @return the commit meters, for the fetcher */
    public CommitMeters commits() {
        return commits;
    }

    /** @return the rebalance meters, for the fetcher */
    public RebalanceMeters rebalances() {
        return rebalances;
    }

    /** @return the failures the error policy handled */
    public ErrorLog errors() {
        return errors;
    }

    /** @return the meters of assigned partitions, for the fetcher */
    public Partitions partitions() {
        return partitions;
    }

    /** @return the one-second history (status document, dashboard) */
    public Sampler sampler() {
        return sampler;
    }

    synchronized Map<String, AgentSource> agentSources() {
        return new LinkedHashMap<>(agents);
    }

    synchronized Timer agentTimer(String agent) {
        return agentTimers.get(agent);
    }

    TableSource tableSource() {
        return tables;
    }

    SendSource sendSource() {
        return sent;
    }

    Timer sendLatency() {
        return sendLatency;
    }

    /** Keeps the meters of one partition from its assignment to its revocation. */
    public static final class Partitions {
        private final MeterRegistry registry;
        private final Map<String, List<Meter>> meters = new HashMap<>();
        private final Map<String, PartitionSource> sources = new LinkedHashMap<>();
        private final Map<String, Long> retired = new HashMap<>();

        Partitions(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * A partition was assigned: registers its meters.
         *
         * @param p what to read from it
         */
        public synchronized void add(PartitionSource p) {
            String key = p.topic() + "-" + p.partition();
            remove(key);
            Tags tags = Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition()));
            List<Meter> m = new ArrayList<>();
            m.add(FunctionCounter.builder(Metrics.MESSAGES_RECEIVED, p, PartitionSource::received).tags(tags)
                    .description("messages fetched and handed to the agents").register(registry));
            m.add(FunctionCounter.builder(Metrics.MESSAGES_ACKED, p, PartitionSource::acked).tags(tags)
                    .description("messages every agent finished with").register(registry));
            m.add(gauge(Metrics.MESSAGES_ACTIVE, p, tags, PartitionSource::outstanding, "messages not acked yet"));
            m.add(gauge(Metrics.CONSUMER_READ_OFFSET, p, tags, s -> known(s.readOffset()), "next offset to read"));
            m.add(gauge(Metrics.CONSUMER_COMMITTED_OFFSET, p, tags, s -> known(s.committedOffset()),
                    "committed offset"));
            m.add(gauge(Metrics.CONSUMER_END_OFFSET, p, tags, s -> known(s.endOffset()), "high-water mark"));
            m.add(gauge(Metrics.CONSUMER_LAG, p, tags, s -> known(s.lag()), "high-water mark - committed offset"));
            meters.put(key, m);
            sources.put(key, p);
        }

        private Meter gauge(String name, PartitionSource p, Tags tags,
                            java.util.function.ToDoubleFunction<PartitionSource> f, String help) {
            return Gauge.builder(name, p, f).tags(tags).strongReference(true).description(help).register(registry);
        }

        private static double known(long v) {
            return v < 0 ? Double.NaN : v;
        }

        /**
         * A partition was revoked or lost: removes its meters (its counts stay in the worker's totals).
         *
         * @param p the partition
         */
        public synchronized void remove(PartitionSource p) {
            remove(p.topic() + "-" + p.partition());
        }

        private void remove(String key) {
            List<Meter> m = meters.remove(key);
            if (m != null) {
                m.forEach(registry::remove);
            }
            PartitionSource p = sources.remove(key);
            if (p != null) {
                retired.merge(p.topic(), p.received(), Long::sum);
            }
        }

        /** @return the partitions assigned now */
        public synchronized List<PartitionSource> assigned() {
            return new ArrayList<>(sources.values());
        }

        /** @return messages received by topic since the worker started, revoked partitions included */
        synchronized Map<String, Long> receivedByTopic() {
            Map<String, Long> out = new java.util.TreeMap<>(retired);
            for (PartitionSource p : sources.values()) {
                out.merge(p.topic(), p.received(), Long::sum);
            }
            return out;
        }
    }
}
