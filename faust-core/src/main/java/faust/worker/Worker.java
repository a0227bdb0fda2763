package faust.worker;

import faust.Agent;
import faust.App;
import faust.ConfigException;
import faust.FaustException;
import faust.Setting;
import faust.Schedule;
import faust.Settings;
import faust.StopMode;
import faust.TopicPartition;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.ErrorPolicy;
import faust.internal.AgentImpl;
import faust.internal.AppAccess;
import faust.internal.Clock;
import faust.internal.PageRoute;
import faust.sensors.internal.AgentSource;
import faust.sensors.internal.Sensors;
import faust.sensors.internal.StatsJson;
import faust.transport.internal.AtLeastOnceCommits;
import faust.transport.internal.ExactlyOnceCommits;
import faust.transport.internal.FaustAssignor;
import faust.transport.internal.Fetcher;
import faust.web.internal.UserPages;
import faust.worker.internal.AgentsService;
import faust.worker.internal.BlockingDetector;
import faust.worker.internal.Collaborators;
import faust.worker.internal.ConsumerService;
import faust.worker.internal.Datadir;
import faust.worker.internal.DatadirService;
import faust.worker.internal.DeclaredTopics;
import faust.worker.internal.HooksService;
import faust.worker.internal.PageRouter;
import faust.worker.internal.ProducerService;
import faust.worker.internal.Readiness;
import faust.worker.internal.RepliesService;
import faust.worker.internal.SchedulerService;
import faust.worker.internal.SensorRoutes;
import faust.worker.internal.SensorsService;
import faust.worker.internal.Service;
import faust.worker.internal.ServicePlan;
import faust.worker.internal.Shutdown;
import faust.worker.internal.StatusReport;
import faust.worker.internal.TableCleanupService;
import faust.worker.internal.TableReset;
import faust.worker.internal.TableRoutes;
import faust.worker.internal.ThreadDump;
import faust.worker.internal.TopicsService;
import faust.worker.internal.WebService;
import faust.worker.internal.WorkerTables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an app: its services, started in the order of one boot plan and stopped in reverse; one consumer
 * and one producer per worker, agents on virtual threads. Its life: {@link WorkerState#INIT} →
 * {@code STARTING} → {@code RUNNING} (ready once its partitions are held and its tables recovered) →
 * {@code STOPPING} → {@code STOPPED}, with the exit status of {@link ExitCodes}.
 *
 * <pre>{@code
 * Worker worker = new Worker(app, Worker.Options.defaults());
 * worker.start(banner -> System.out.print(banner.render()));
 * worker.awaitReady(Duration.ofSeconds(30));
 * ...
 * worker.stop(StopMode.WARM);
 * int status = worker.awaitTermination(Duration.ofSeconds(90));
 * }</pre>
 */
public final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /**
     * How the worker was started, for the banner and paths.
     *
     * @param workdir relative paths (datadir) resolve against it
     * @param log description of logging for the banner, e.g. {@code -stderr- (info)}
     * @param pid the pid to show (the launcher's when run through {@code bin/faust})
     */
    public record Options(Path workdir, String log, long pid) {
        /** @return options for the current directory and process */
        public static Options defaults() {
            return new Options(Path.of("").toAbsolutePath(), "-stderr-", ProcessHandle.current().pid());
        }
    }

    private final App app;
    private final Settings settings;
    private final Options options;
    private final Clock clock;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private final Readiness readiness;
    private final StatusReport report;
    private final WorkerTables tables;
    private final TopicsService topics;
    private final ProducerService producer;
    private final WebService web;
    private final AgentsService agents;
    private final ConsumerService consumer;
    private final SchedulerService scheduler;
    private final HooksService hooks;
    private final PageRouter router;
    /** The leader topic this worker subscribes, or null (no consumer, or {@code topic_disable_leader}). */
    private final String leaderTopic;
    /** Whether the worker joins the consumer group: it has agents, or work for the leader only. */
    private final boolean grouped;
    private volatile boolean leader;
    private final Collaborators collaborators;
    private final ErrorPolicy policy;
    private final Sensors sensors;
    /** The boot plan: started in this order, stopped in reverse. */
    private final ServicePlan plan;
    private volatile WorkerState state = WorkerState.INIT;
    private volatile boolean joined;
    private volatile int exitCode = ExitCodes.OK;
    private volatile Set<Integer> intended = Set.of();
    private volatile Shutdown shutdown;
    private StopMode pendingStop;
    private Consumer<Banner> banner = b -> { };

    /**
     * @param app the app, its settings already configured ({@link App#configure}, or by the CLI)
     * @param options workdir, log description and pid
     */
    public Worker(App app, Options options) {
        this(app, options, Collaborators.real());
    }

    /**
     * A worker with given collaborators (mock Kafka clients, a manual clock) for tests.
     *
     * @param app the app, its settings already configured
     * @param options workdir, log description and pid
     * @param collaborators Kafka clients and clock
     */
    Worker(App app, Options options, Collaborators collaborators) {
        this.app = app;
        this.settings = app.settings();
        this.options = options;
        this.clock = collaborators.clock();
        this.collaborators = collaborators;
        this.readiness = new Readiness(this::isReady,
                () -> LOG.info("worker ready: {} partitions assigned", assignment().size()));
        AppAccess access = AppAccess.get();
        List<Schedule> schedules = app.schedules();
        boolean leaderWork = schedules.stream().anyMatch(Schedule::onLeader);
        boolean disabled = settings.bool(Setting.TOPIC_DISABLE_LEADER);
        if (disabled && leaderWork) {
            LOG.warn("topic_disable_leader is set: no worker is the leader, so the onLeader timers, crontabs and"
                    + " tasks never run");
        }
        this.grouped = !app.agents().isEmpty() || (leaderWork && !disabled);
        this.leaderTopic = grouped && !disabled ? app.groupId() + "-__assignor-__leader" : null;
        this.hooks = new HooksService(access.hooks(app), settings.duration(Setting.SHUTDOWN_TIMEOUT),
                this::stopRequested, clock);
        Path datadir = datadir();
        this.sensors = Sensors.create(app.id(), settings.bool(Setting.METRICS_ENABLED), settings.text(Setting.MONITOR),
                clock, collaborators.registry());
        this.producer = new ProducerService(app, settings, collaborators, () -> Datadir.workerId(datadir),
                sensors);
        this.policy = new ErrorPolicy(ErrorPolicy.Kind.of(settings.text(Setting.ERROR_POLICY)),
                (topic, key, value, headers) -> producer.sender().send(topic, null, key, value, headers),
                app.groupId() + "-__dead-letter", this::fail);
        List<AgentRunner<?, ?>> runners = new ArrayList<>();
        for (Agent<?, ?> a : app.agents()) {
            runners.add(new AgentRunner<>((AgentImpl<?, ?>) a, settings.integer(Setting.STREAM_BUFFER_MAXSIZE), policy,
                    clock));
        }
        this.agents = new AgentsService(runners, clock);
        this.topics = new TopicsService(app, settings, collaborators, policy, leaderTopic);
        this.tables = new WorkerTables(app, settings, collaborators, () -> Datadir.appdir(datadir, settings),
                producer::asSender, this::recovered, this::readinessChanged, runners, topics::admin);
        measure(runners);
        Fetcher fetcher = new Fetcher(new Fetcher.Parts(settings, app.groupId(), runners, policy,
                tables.any() ? tables : null, new FetcherListener(), collaborators.clients(),
                consumer -> producer.sender().transactional() ? new ExactlyOnceCommits(consumer, producer.sender())
                        : new AtLeastOnceCommits(consumer, producer.sender()), clock, sensors));
        if (leaderTopic != null) {
            fetcher.leaderTopic(leaderTopic);
        }
        this.consumer = new ConsumerService(fetcher, () -> FaustAssignor.config(new AssignorListener(), url(),
                settings.integer(Setting.TABLE_STANDBY_REPLICAS)));
        DeclaredTopics.wire(runners, settings, topics, tables, fetcher::topicsChanged);
        List<UserPages.Page> pages = new ArrayList<>();
        for (PageRoute p : access.pages(app)) {
            pages.add(new UserPages.Page(p.path(), p.view()));
        }
        SensorRoutes sensorRoutes = new SensorRoutes(new SensorRoutes.Parts(sensors, this::status, this::url,
                () -> Set.copyOf(tables.owners().values()), tables::standbys, clock));
        this.web = new WebService(settings, this::status, this::ready, () -> {
            List<faust.web.internal.Route> routes = new ArrayList<>(new TableRoutes(tables, this::url).routes());
            routes.addAll(sensorRoutes.routes());
            return routes;
        }, pages);
        this.router = new PageRouter(() -> leader, tables, this::assignment, this::url, settings, collaborators);
        this.scheduler = new SchedulerService(schedules, settings.timezone(), () -> leader, readiness.first(), clock);
        StatsJson stats = new StatsJson(sensors);
        this.report = new StatusReport(app, settings, options.log(), options.pid(), datadir, tables,
                new StatusReport.Live(() -> state, this::ready, this::assignment, this::recovering, this::url),
                sensors.enabled() ? stats::monitor : null);
        this.plan = new ServicePlan(bootPlan(datadir, runners));
    }

    /**
     * Hands the sensors what they read: the agents (events, a sample of their durations, buffers, errors), the
     * tables, the worker's own state.
     */
    private void measure(List<AgentRunner<?, ?>> runners) {
        for (AgentRunner<?, ?> r : runners) {
            io.micrometer.core.instrument.Timer t = sensors.agent(new AgentSource(r.agent().name(),
                    r.agent().topic().name(), r.agent().concurrency(), r::events, r::active, r::buffered,
                    settings.integer(Setting.STREAM_BUFFER_MAXSIZE)));
            if (t != null) {
                r.measure(t);
            }
        }
        if (tables.any()) {
            sensors.tables(tables.sensorSource(), tables.tables().stream().map(t -> t.name()).toList());
        }
        sensors.worker(() -> state.name().toLowerCase(Locale.ROOT), this::ready, () -> assignment().size(),
                () -> tables.standbys().size(), () -> leader);
        if (sensors.enabled()) {
            String action = policy.kind().name().toLowerCase(Locale.ROOT);
            policy.observe((where, event, undecodable, error) -> sensors.errors().failed(where,
                    !undecodable && where.startsWith("agent ") ? where.substring("agent ".length()) : null,
                    event == null ? null : event.topic(), event == null ? -1 : event.partition(),
                    event == null ? -1 : event.offset(), error, action));
        }
    }

    /**
     * The services in boot order (DESIGN §4; a leader elector and a scheduler will come after the timers).
     * The sensors first, so everything after them is measured from its start. Tables, then agents, then the
     * consumer: the consumer's first poll may assign partitions, and recovery and the agents must be ready for
     * them.
     */
    private List<Service> bootPlan(Path datadir, List<AgentRunner<?, ?>> runners) {
        List<Service> p = new ArrayList<>();
        p.add(new SensorsService(sensors));
        p.add(new DatadirService(datadir, options.pid()));
        p.add(topics);
        p.add(producer);
        p.add(new RepliesService(app, settings, collaborators));
        p.add(hooks);
        if (settings.bool(Setting.WEB_ENABLED)) {
            p.add(web);
        }
        p.add(Service.step("banner", () -> banner.accept(report.banner())));
        if (!runners.isEmpty()) {
            // Before the tables: the agents build their streams, so the topics their loops read are known.
            p.add(agents.launch());
        }
        if (tables.any()) {
            p.add(tables);
            if (TableCleanupService.needed(tables.tables())) {
                p.add(new TableCleanupService(tables::runtime, settings.duration(Setting.TABLE_CLEANUP_INTERVAL),
                        clock));
            }
        }
        Duration blocking = settings.duration(Setting.BLOCKING_TIMEOUT);
        if (!blocking.isZero() && !runners.isEmpty()) {
            p.add(new BlockingDetector(runners, blocking, clock));
        }
        if (!runners.isEmpty()) {
            p.add(agents);
        }
        if (grouped) {
            p.add(consumer);
        }
        p.add(scheduler);
        return List.copyOf(p);
    }

    /** @return the app */
    public App app() {
        return app;
    }

    /** @return the worker's state */
    public WorkerState state() {
        return state;
    }

    /**
     * @return true while the worker holds the partitions the group placed on it and their tables are
     *     recovered (false again while a rebalance moves partitions)
     */
    public boolean ready() {
        return readiness.ready();
    }

    private boolean isReady() {
        if (state != WorkerState.RUNNING) {
            return false;
        }
        if (!grouped) {
            return true;
        }
        return joined && recovering() == 0 && tables.caughtUp() && holdsIntended();
    }

    /**
     * Waits until the worker is ready for the first time.
     *
     * @param timeout how long to wait
     * @return true when it is ready; false when the timeout passed or it stopped before
     * @throws InterruptedException when interrupted
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return readiness.await(timeout);
    }

    /** @return whether this worker got every partition the group leader placed on it (rebalance settled) */
    private boolean holdsIntended() {
        Set<Integer> want = intended;
        if (want.isEmpty()) {
            return true;
        }
        Set<Integer> have = new HashSet<>();
        for (TopicPartition tp : assignment()) {
            have.add(tp.partition());
        }
        if (leader) {
            have.add(0); // the leader topic's partition goes with partition number 0
        }
        return have.containsAll(want);
    }

    /** The tables recovered partition number {@code p} (changelog reader thread): the consumer resumes it. */
    private void recovered(int p) {
        consumer.fetcher().recovered(p);
    }

    private int recovering() {
        return consumer.fetcher().recovering();
    }

    /** @return changelog records read into local table stores since start (recovery and standbys) */
    public long tableRecordsRecovered() {
        return tables.recordsRecovered();
    }

    /**
     * @return whether this worker holds the leader topic's partition now ({@link App#isLeader()})
     */
    public boolean isLeader() {
        return leader;
    }

    /** @return partitions assigned now (the leader topic's partition is not among them: {@link #isLeader()}) */
    public Set<TopicPartition> assignment() {
        return consumer.fetcher().assignment();
    }

    /** @return the web server's port, or -1 without web */
    public int webPort() {
        return web.port();
    }

    /** @return the data directory */
    public Path datadir() {
        return Datadir.resolve(settings, app.id(), options.workdir());
    }

    /**
     * Deletes the local table stores of the app's current version ({@code <appdir>/tables}); the changelog
     * topics are untouched, so the next worker rebuilds the tables from them. Refused while a worker holds
     * the datadir.
     *
     * @return the directory deleted
     * @throws ConfigException when a worker uses the datadir
     */
    public Path resetLocalTables() {
        return TableReset.reset(datadir(), settings);
    }

    /**
     * Starts the worker: every service of its boot plan, in order. Returns once the consumer was started; the
     * worker is {@link #ready()} when its partitions are assigned ({@link #awaitReady}).
     *
     * @param banner called with the banner once the web server listens (before the consumer starts)
     * @throws FaustException (or {@link ConfigException}) with one line saying what to change; the services
     *     already started are stopped and the worker is {@link WorkerState#STOPPED}
     */
    public void start(Consumer<Banner> banner) {
        synchronized (lifecycle) {
            if (state != WorkerState.INIT) {
                throw new IllegalStateException("a worker starts once; it is " + state);
            }
            state = WorkerState.STARTING;
            this.banner = banner;
        }
        AppAccess.get().link(app, router);
        try {
            plan.start();
        } catch (RuntimeException e) {
            state = WorkerState.STOPPING;
            plan.stop(new Shutdown(StopMode.COLD, clock.nanoTime(), clock), this::reportLeftRunning);
            state = WorkerState.STOPPED;
            readiness.stopped();
            AppAccess.get().link(app, null);
            terminated.countDown();
            throw e;
        }
        StopMode pending;
        synchronized (lifecycle) {
            state = WorkerState.RUNNING;
            pending = pendingStop;
        }
        LOG.info("worker started: {} agents, {} timers, crontabs and tasks", agents.runners().size(),
                scheduler.count());
        readinessChanged();
        if (pending != null) {
            stop(pending);
        }
    }

    /** Told by the consumer about assignments and failures (fetcher thread). */
    private final class FetcherListener implements Fetcher.Listener {
        @Override
        public void assigned(Set<TopicPartition> assigned) {
            if (!joined) {
                joined = true;
                LOG.info("joined the group: {} partitions assigned", assigned.size());
            }
            readinessChanged();
        }

        @Override
        public void failed(Throwable error) {
            fail(error.getMessage());
        }

        @Override
        public void leadership(boolean held) {
            leader = held;
        }

        @Override
        public void partitionsAssigned(Set<TopicPartition> added) {
            hooks.assigned(added);
        }

        @Override
        public void partitionsRevoked(Set<TopicPartition> removed) {
            hooks.revoked(removed);
        }
    }

    /** Told by the partition assignor what this worker got, and when it (re)joins (fetcher thread). */
    private final class AssignorListener implements FaustAssignor.Listener {
        @Override
        public void assigned(Set<Integer> standbys, Map<Integer, String> owners, Set<Integer> mine) {
            intended = mine;
            tables.assignment(standbys, owners);
        }

        @Override
        public void joining() {
            hooks.joining();
        }
    }

    /** Something readiness depends on changed: the first readiness, and the end of a rebalance, follow. */
    private void readinessChanged() {
        readiness.changed();
        hooks.readiness(readiness.ready());
    }

    /** @return whether a stop was asked for (while starting: it waits for the start) */
    private boolean stopRequested() {
        synchronized (lifecycle) {
            return pendingStop != null || shutdown != null;
        }
    }

    private void fail(String reason) {
        LOG.error("stopping the worker: {}", reason);
        exitCode = ExitCodes.FAILED;
        stop(StopMode.FATAL);
    }

    /**
     * Starts a shutdown and returns at once; {@link #awaitTermination} waits for it. A stronger mode given
     * during a shutdown (COLD after WARM) takes over; a stop while starting takes effect once started.
     *
     * @param mode warm or cold ({@link StopMode#FATAL}: as after a failure, exit status 1)
     */
    public void stop(StopMode mode) {
        synchronized (lifecycle) {
            if (state == WorkerState.INIT || state == WorkerState.STOPPED) {
                state = WorkerState.STOPPED;
                readiness.stopped();
                terminated.countDown();
                return;
            }
            if (state == WorkerState.STARTING) {
                // A signal while starting: stop as soon as start() finished its services.
                if (mode.strongerThan(pendingStop)) {
                    pendingStop = mode;
                }
                return;
            }
            if (mode == StopMode.COLD && exitCode == ExitCodes.OK) {
                exitCode = ExitCodes.COLD;
            }
            Shutdown s = shutdown;
            if (s == null) {
                s = new Shutdown(mode, clock.nanoTime() + settings.duration(Setting.SHUTDOWN_TIMEOUT).toNanos(), clock);
                shutdown = s;
                LOG.info("{} shutdown", mode == StopMode.WARM ? "warm" : "cold");
                plan.signal(s);
                Shutdown first = s;
                Thread.ofPlatform().name("faust-stopper").start(() -> runShutdown(first));
            } else if (s.escalate(mode)) {
                LOG.warn("shutdown turned {}", mode.name().toLowerCase(Locale.ROOT));
                plan.signal(s);
            }
        }
    }

    private void runShutdown(Shutdown s) {
        state = WorkerState.STOPPING;
        if (!plan.stop(s, this::reportLeftRunning) && exitCode == ExitCodes.OK) {
            exitCode = ExitCodes.SHUTDOWN_TIMEOUT;
        }
        state = WorkerState.STOPPED;
        readiness.stopped();
        AppAccess.get().link(app, null);
        LOG.info("worker stopped (exit status {})", exitCode);
        terminated.countDown();
    }

    private void reportLeftRunning(Shutdown s, Service service) {
        String left = service == agents ? agents.leftRunning() : service.leftRunning() + agents.leftRunning();
        if (s.mode() == StopMode.WARM) {
            LOG.error("shutdown did not finish within shutdown_timeout ({} s); agents still running:\n{}",
                    settings.duration(Setting.SHUTDOWN_TIMEOUT).toSeconds(), left);
        } else {
            LOG.error("agents still running 2 s after a cold shutdown interrupted them; leaving them:\n{}", left);
        }
    }

    /**
     * Waits for the worker to stop.
     *
     * @param timeout how long to wait
     * @return the exit status ({@link ExitCodes}), or -1 when it did not stop in time
     * @throws InterruptedException when interrupted
     */
    public int awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? exitCode : -1;
    }

    /** @return the exit status so far */
    public int exitCode() {
        return exitCode;
    }

    /** @return stacks of all threads, agents' virtual threads included and named after their agent */
    public String threadDump() {
        return ThreadDump.all(agents.runners());
    }

    /** @return the status document served at {@code GET /} */
    private Map<String, Object> status() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(report.status());
        m.put("leader", leader);
        return m;
    }

    /** @return this worker's web URL as other workers reach it, or "" without web */
    String url() {
        return web.url();
    }
}
