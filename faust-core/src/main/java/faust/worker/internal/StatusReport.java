package faust.worker.internal;

import faust.Agent;
import faust.App;
import faust.Faust;
import faust.Setting;
import faust.Settings;
import faust.Topic;
import faust.TopicPartition;
import faust.worker.Banner;
import faust.worker.WorkerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** What a worker shows about itself: the banner at start, and the status document served at {@code GET /}. */
public final class StatusReport {
    /**
     * The live parts of a worker the report reads.
     *
     * @param state the worker's state
     * @param ready whether it is ready
     * @param assignment partitions assigned now
     * @param recovering partition numbers still recovering their tables
     * @param url the web URL, "" without web
     */
    public record Live(Supplier<WorkerState> state, BooleanSupplier ready, Supplier<Set<TopicPartition>> assignment,
                       IntSupplier recovering, Supplier<String> url) {
    }

    private final App app;
    private final Settings settings;
    private final String log;
    private final long pid;
    private final Path datadir;
    private final WorkerTables tables;
    private final Live live;
    private final Supplier<Map<String, Object>> monitor;

    /**
     * @param app the app
     * @param settings resolved settings
     * @param log description of logging, e.g. {@code -stderr- (info)}
     * @param pid the pid to show
     * @param datadir the datadir
     * @param tables the worker's tables
     * @param live the live parts
     * @param monitor Faust's {@code Monitor} fields, or null when the sensors are off
     */
    public StatusReport(App app, Settings settings, String log, long pid, Path datadir, WorkerTables tables,
                        Live live, Supplier<Map<String, Object>> monitor) {
        this.monitor = monitor;
        this.app = app;
        this.settings = settings;
        this.log = log;
        this.pid = pid;
        this.datadir = datadir;
        this.tables = tables;
        this.live = live;
    }

    /** @return the status document served at {@code GET /} */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", app.id());
        m.put("version", Faust.VERSION);
        m.put("state", live.state().get().name().toLowerCase(Locale.ROOT));
        m.put("ready", live.ready().getAsBoolean());
        m.put("assignment", live.assignment().get().stream().sorted().map(TopicPartition::toString).toList());
        List<Map<String, Object>> agents = new ArrayList<>();
        for (Agent<?, ?> a : app.agents()) {
            agents.add(Map.of("name", a.name(), "topic", a.topic().name(),
                    "topics", a.topics().stream().map(Topic::name).toList(), "concurrency", a.concurrency(),
                    "isolated_partitions", a.isolatedPartitions()));
        }
        m.put("agents", agents);
        if (tables.any()) {
            m.put("tables", tables.tables().stream().map(t -> t.name()).toList());
            m.put("standby_partitions", List.copyOf(tables.standbys()));
            m.put("recovering_partitions", live.recovering().getAsInt());
        }
        if (monitor != null) {
            m.put("monitor", monitor.get());
        }
        return m;
    }

    /** @return the banner rows */
    public Banner banner() {
        List<Banner.Row> rows = new ArrayList<>();
        rows.add(new Banner.Row("id", app.id()));
        rows.add(new Banner.Row("transport", settings.text(Setting.BROKER)));
        rows.add(new Banner.Row("store", settings.text(Setting.STORE)));
        String url = live.url().get();
        if (!url.isEmpty()) {
            rows.add(new Banner.Row("web", url + "/"));
        }
        rows.add(new Banner.Row("log", log));
        rows.add(new Banner.Row("pid", Long.toString(pid)));
        rows.add(new Banner.Row("hostname", WebService.hostname()));
        rows.add(new Banner.Row("platform", "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"));
        rows.add(new Banner.Row("faust", "Faust for Java " + Faust.VERSION));
        rows.add(new Banner.Row("datadir", datadir.toString()));
        rows.add(new Banner.Row("appdir", Datadir.appdir(datadir, settings).toString()));
        for (Agent<?, ?> a : app.agents()) {
            rows.add(new Banner.Row("agent", "@" + a.name() + " <- "
                    + String.join(", ", a.topics().stream().map(t -> t.pattern() != null ? "/" + t.name() + "/"
                            : t.name()).toList())
                    + (a.concurrency() > 1 ? " (concurrency " + a.concurrency() + ")" : "")
                    + (a.isolatedPartitions() ? " (isolated partitions)" : "")));
        }
        for (faust.Table<?, ?> t : app.tables()) {
            rows.add(new Banner.Row("table", t.name() + " <- " + t.changelogTopic()));
        }
        for (Topic<?, ?> t : app.topics()) {
            if (app.agents().stream().noneMatch(a -> a.topics().contains(t))) {
                rows.add(new Banner.Row("topic", t.name()));
            }
        }
        return new Banner(rows);
    }
}
