package faust.worker;

import faust.Agent;
import faust.App;
import faust.ConfigException;
import faust.Faust;
import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.Timer;
import faust.Topic;
import faust.agents.internal.AgentRunner;
import faust.agents.internal.ErrorPolicy;
import faust.internal.AgentImpl;
import faust.transport.internal.FaustAssignor;
import faust.transport.internal.Fetcher;
import faust.transport.internal.KafkaSender;
import faust.transport.internal.TopicAdmin;
import faust.web.internal.WebServer;
import faust.worker.internal.BlockingDetector;
import faust.worker.internal.Datadir;
import faust.worker.internal.ThreadDump;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an app: starts its services in order (producer, web, topics, agents, consumer, timers), and
 * stops them in reverse on {@link #stop}. One consumer and one producer per worker; agents run on
 * virtual threads.
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

    /** How to stop. */
    public enum StopMode {
        /** Finish in-flight events, flush, commit, leave the group. */
        WARM,
        /** Stop at once; commit only offsets already fully acked. */
        COLD
    }

    private final App app;
    private final Settings settings;
    private final Options options;
    private final List<AgentRunner<?, ?>> runners = new ArrayList<>();
    private final List<Thread> timerThreads = new ArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile WorkerState state = WorkerState.INIT;
    private volatile boolean ready;
    private volatile int exitCode = ExitCodes.OK;
    private volatile Fetcher.StopMode stopMode;
    private Fetcher.StopMode pendingStop;
    private volatile Set<Integer> intended = Set.of();
    private Datadir datadir;
    private KafkaSender sender;
    private WebServer web;
    private Fetcher fetcher;
    private Thread stopper;
    private BlockingDetector blockingDetector;
    private WorkerTables tables;
    private final String assignorId = "worker-" + Integer.toHexString(System.identityHashCode(this));

    /**
     * @param app the app, its settings already {@link App#configure configured}
     * @param options workdir, log description and pid
     */
    public Worker(App app, Options options) {
        this.app = app;
        this.settings = app.settings();
        this.options = options;
    }

    /** @return the app */
    public App app() {
        return app;
    }

    /** @return the worker's state */
    public WorkerState state() {
        return state;
    }

    /** @return true once the worker joined its group and got its partitions */
    public boolean ready() {
        Fetcher f = fetcher;
        WorkerTables t = tables;
        return ready && state == WorkerState.RUNNING && (f == null || f.recovering() == 0)
                && (t == null || t.caughtUp()) && holdsIntended();
    }

    /** @return whether this worker got every partition the group leader placed on it (rebalance settled) */
    private boolean holdsIntended() {
        Set<Integer> want = intended;
        if (want.isEmpty()) {
            return true;
        }
        Set<Integer> have = new java.util.HashSet<>();
        for (String tp : assignment()) {
            have.add(Integer.parseInt(tp.substring(tp.lastIndexOf('-') + 1)));
        }
        return have.containsAll(want);
    }

    /** @return changelog records read into local table stores since start (recovery and standbys) */
    public long tableRecordsRecovered() {
        WorkerTables t = tables;
        return t == null ? 0 : t.recordsRecovered();
    }

    /** @return partitions assigned now, as {@code topic-partition} */
    public Set<String> assignment() {
        Fetcher f = fetcher;
        return f == null ? Set.of() : f.assignment();
    }

    /** @return the web server's port, or -1 without web */
    public int webPort() {
        WebServer w = web;
        return w == null ? -1 : w.port();
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
        Path dir = Datadir.appdir(datadir(), settings).resolve("tables");
        try (Datadir held = Datadir.lock(datadir())) {
            if (java.nio.file.Files.exists(dir)) {
                try (var files = java.nio.file.Files.walk(dir)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(f);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new FaustException("could not delete " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /**
     * Starts the worker. Returns once the consumer was started; the worker is {@link #ready()} when its
     * partitions are assigned.
     *
     * @param banner called with the banner once the web server listens (before the consumer starts)
     * @throws FaustException (or {@link ConfigException}) with one line saying what to change
     */
    public void start(Consumer<Banner> banner) {
        synchronized (lifecycle) {
            if (state != WorkerState.INIT) {
                throw new IllegalStateException("a worker starts once; it is " + state);
            }
            state = WorkerState.STARTING;
        }
        try {
            datadir = Datadir.lock(datadir(), options.pid());
            tables = new WorkerTables(app, settings);
            ErrorPolicy policy;
            try (TopicAdmin admin = TopicAdmin.create(settings)) {
                admin.checkBrokerAnswers(settings.duration(Setting.BROKER_CONNECT_TIMEOUT),
                        settings.sourceOf(Setting.BROKER));
                sender = KafkaSender.create(settings, app.groupId() + "-producer", false);
                app.useSender(() -> sender);
                if (settings.bool(Setting.WEB_ENABLED)) {
                    web = WebServer.start(settings.text(Setting.WEB_BIND), settings.integer(Setting.WEB_PORT),
                            this::status, this::ready, new TableRoutes(tables, this::url).routes());
                }
                banner.accept(banner());
                policy = new ErrorPolicy(ErrorPolicy.Kind.of(settings.text(Setting.ERROR_POLICY)), sender,
                        app.groupId() + "-__dead-letter", reason -> fail(reason));
                List<TopicAdmin.Spec> specs = new ArrayList<>(Topics.wanted(app, settings, policy));
                specs.addAll(tables.plan(admin));
                admin.ensure(specs, Duration.ofSeconds(60));
                for (Agent<?, ?> a : app.agents()) {
                    runners.add(new AgentRunner<>((AgentImpl<?, ?>) a, settings.integer(Setting.STREAM_BUFFER_MAXSIZE),
                            policy));
                }
            }
            runners.forEach(AgentRunner::start);
            if (!runners.isEmpty()) {
                fetcher = new Fetcher(settings, app.groupId(), runners, sender, policy, new Fetcher.Listener() {
                    @Override
                    public void assigned(Set<String> assigned) {
                        if (!ready) {
                            ready = true;
                            LOG.info("joined the group: {} partitions assigned", assigned.size());
                        }
                    }

                    @Override
                    public void failed(Throwable error) {
                        fail(error.getMessage());
                    }
                }, tables.any() ? tables : null);
                FaustAssignor.register(assignorId, (standbys, owners, intended) -> {
                    this.intended = intended;
                    tables.assignment(standbys, owners);
                });
                fetcher.assignorConfig(Map.of(FaustAssignor.LISTENER_ID, assignorId, FaustAssignor.URL, url(),
                        FaustAssignor.STANDBYS, Integer.toString(settings.integer(Setting.TABLE_STANDBY_REPLICAS))));
                if (tables.any()) {
                    tables.open(Datadir.appdir(datadir(), settings), sender, fetcher);
                }
                fetcher.start();
            } else {
                ready = true;
            }
            startTimers();
            Duration blocking = settings.duration(Setting.BLOCKING_TIMEOUT);
            if (!blocking.isZero() && !runners.isEmpty()) {
                blockingDetector = new BlockingDetector(runners, blocking);
            }
            Fetcher.StopMode pending;
            synchronized (lifecycle) {
                state = WorkerState.RUNNING;
                pending = pendingStop;
            }
            LOG.info("worker started: {} agents, {} timers", runners.size(), timerThreads.size());
            Thread.ofVirtual().name("faust-ready-watch").start(this::announceReady);
            if (pending != null) {
                stop(pending);
            }
        } catch (RuntimeException e) {
            state = WorkerState.STOPPING;
            closeQuietly();
            state = WorkerState.STOPPED;
            terminated.countDown();
            throw e;
        }
    }

    /** Logs "worker ready" once the worker holds its partitions and recovered its tables. */
    private void announceReady() {
        while (state == WorkerState.RUNNING) {
            if (ready()) {
                LOG.info("worker ready: {} partitions assigned", assignment().size());
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void startTimers() {
        for (Timer t : app.timers()) {
            Thread th = Thread.ofVirtual().name("timer-" + t.name()).unstarted(() -> runTimer(t));
            timerThreads.add(th);
            th.start();
        }
    }

    private void runTimer(Timer t) {
        long next = System.nanoTime() + t.interval().toNanos();
        while (state != WorkerState.STOPPING && state != WorkerState.STOPPED) {
            try {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            next += t.interval().toNanos();
            try {
                t.task().run();
            } catch (RuntimeException e) {
                LOG.error("timer {} failed: {}", t.name(), e.toString(), e);
            }
        }
    }

    private void fail(String reason) {
        LOG.error("stopping the worker: {}", reason);
        exitCode = ExitCodes.FAILED;
        stop(Fetcher.StopMode.FATAL);
    }

    /**
     * Starts a shutdown and returns at once; {@link #awaitTermination} waits for it. A stronger mode given
     * during a shutdown (COLD after WARM) takes over.
     *
     * @param mode warm or cold
     */
    public void stop(StopMode mode) {
        stop(mode == StopMode.WARM ? Fetcher.StopMode.WARM : Fetcher.StopMode.COLD);
    }

    private void stop(Fetcher.StopMode mode) {
        synchronized (lifecycle) {
            if (state == WorkerState.INIT || state == WorkerState.STOPPED) {
                state = WorkerState.STOPPED;
                terminated.countDown();
                return;
            }
            if (state == WorkerState.STARTING) {
                // A signal while starting: stop as soon as start() finished its services.
                if (pendingStop == null || mode.ordinal() > pendingStop.ordinal()) {
                    pendingStop = mode;
                }
                return;
            }
            if (stopMode != null && mode.ordinal() <= stopMode.ordinal()) {
                return;
            }
            boolean first = stopMode == null;
            stopMode = mode;
            if (mode == Fetcher.StopMode.COLD && exitCode == ExitCodes.OK) {
                exitCode = ExitCodes.COLD;
            }
            long deadline = System.nanoTime() + settings.duration(Setting.SHUTDOWN_TIMEOUT).toNanos();
            if (fetcher != null) {
                fetcher.stop(mode, deadline);
            }
            if (first) {
                LOG.info("{} shutdown", mode == Fetcher.StopMode.WARM ? "warm" : "cold");
                stopper = Thread.ofPlatform().name("faust-stopper").unstarted(() -> shutdown(deadline));
                stopper.start();
            } else {
                LOG.warn("shutdown turned {}", mode.name().toLowerCase(java.util.Locale.ROOT));
                runners.forEach(AgentRunner::interrupt);
            }
        }
    }

    private void shutdown(long deadline) {
        state = WorkerState.STOPPING;
        timerThreads.forEach(Thread::interrupt);
        try {
            boolean done = fetcher == null || fetcher.awaitStopped(deadline + TimeUnit.SECONDS.toNanos(15));
            for (AgentRunner<?, ?> r : runners) {
                r.close();
            }
            boolean agentsDone = true;
            for (AgentRunner<?, ?> r : runners) {
                agentsDone &= r.await(stopMode == Fetcher.StopMode.WARM ? deadline : System.nanoTime()
                        + TimeUnit.SECONDS.toNanos(2));
            }
            if (!done || !agentsDone) {
                if (stopMode == Fetcher.StopMode.WARM) {
                    LOG.error("shutdown did not finish within shutdown_timeout ({} s); agents still running:\n{}",
                            settings.duration(Setting.SHUTDOWN_TIMEOUT).toSeconds(), ThreadDump.agents(runners));
                } else {
                    LOG.error("agents still running 2 s after a cold shutdown interrupted them; leaving them:\n{}",
                            ThreadDump.agents(runners));
                }
                if (exitCode == ExitCodes.OK) {
                    exitCode = ExitCodes.SHUTDOWN_TIMEOUT;
                }
                runners.forEach(AgentRunner::interrupt);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
        state = WorkerState.STOPPED;
        LOG.info("worker stopped (exit status {})", exitCode);
        terminated.countDown();
    }

    private void closeQuietly() {
        if (blockingDetector != null) {
            blockingDetector.close();
        }
        FaustAssignor.unregister(assignorId);
        if (tables != null) {
            try {
                tables.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the tables: {}", e.toString());
            }
        }
        app.useSender(null);
        if (sender != null) {
            try {
                if (stopMode == Fetcher.StopMode.FATAL) {
                    sender.closeNow();
                } else {
                    sender.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("closing the producer: {}", e.toString());
            }
        }
        if (web != null) {
            try {
                web.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the web server: {}", e.toString());
            }
        }
        if (datadir != null) {
            datadir.close();
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
        return ThreadDump.all(runners);
    }

    /** @return the status document served at {@code GET /} */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", app.id());
        m.put("version", Faust.VERSION);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("ready", ready());
        m.put("assignment", List.copyOf(assignment()));
        List<Map<String, Object>> agents = new ArrayList<>();
        for (Agent<?, ?> a : app.agents()) {
            agents.add(Map.of("name", a.name(), "topic", a.topic().name(), "concurrency", a.concurrency()));
        }
        m.put("agents", agents);
        if (tables != null && tables.any()) {
            m.put("tables", tables.tables().stream().map(t -> t.name()).toList());
            m.put("standby_partitions", List.copyOf(tables.standbys()));
            Fetcher f = fetcher;
            m.put("recovering_partitions", f == null ? 0 : f.recovering());
        }
        return m;
    }

    /** @return the banner rows */
    public Banner banner() {
        List<Banner.Row> rows = new ArrayList<>();
        rows.add(new Banner.Row("id", app.id()));
        rows.add(new Banner.Row("transport", settings.text(Setting.BROKER)));
        rows.add(new Banner.Row("store", settings.text(Setting.STORE)));
        if (web != null) {
            rows.add(new Banner.Row("web", url() + "/"));
        }
        rows.add(new Banner.Row("log", options.log()));
        rows.add(new Banner.Row("pid", Long.toString(options.pid())));
        rows.add(new Banner.Row("hostname", hostname()));
        rows.add(new Banner.Row("platform", "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"));
        rows.add(new Banner.Row("faust", "Faust for Java " + Faust.VERSION));
        rows.add(new Banner.Row("datadir", datadir().toString()));
        rows.add(new Banner.Row("appdir", Datadir.appdir(datadir(), settings).toString()));
        for (Agent<?, ?> a : app.agents()) {
            rows.add(new Banner.Row("agent", "@" + a.name() + " <- " + a.topic().name()
                    + (a.concurrency() > 1 ? " (concurrency " + a.concurrency() + ")" : "")));
        }
        for (faust.Table<?, ?> t : app.tables()) {
            rows.add(new Banner.Row("table", t.name() + " <- " + t.changelogTopic()));
        }
        for (Topic<?, ?> t : app.topics()) {
            if (app.agents().stream().noneMatch(a -> a.topic() == t)) {
                rows.add(new Banner.Row("topic", t.name()));
            }
        }
        return new Banner(rows);
    }

    /** @return this worker's web URL as other workers reach it, or "" without web */
    String url() {
        WebServer w = web;
        return w == null ? "" : "http://" + webHost() + ":" + w.port();
    }

    private String webHost() {
        String h = settings.text(Setting.WEB_HOST);
        if (!h.isBlank()) {
            return h;
        }
        String bind = settings.text(Setting.WEB_BIND);
        return bind.equals("0.0.0.0") ? hostname() : bind;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
