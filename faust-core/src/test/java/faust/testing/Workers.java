package faust.testing;

import static org.awaitility.Awaitility.await;

import faust.App;
import faust.Setting;
import faust.Settings;
import faust.StopMode;
import faust.spi.Apps;
import faust.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Starts workers in the test JVM against the embedded broker. */
public final class Workers {
    private Workers() {
    }

    /** Configures the app for the embedded broker with fast commits, then starts a worker and waits until ready. */
    public static Worker start(App app, Path datadir, Map<Setting, String> extra) {
        Worker w = launch(app, datadir, extra);
        await("worker of " + app.id() + " ready").atMost(Duration.ofSeconds(60)).until(w::ready);
        return w;
    }

    /** As {@link #start}, without waiting until the worker is ready. */
    public static Worker launch(App app, Path datadir, Map<Setting, String> extra) {
        Map<Setting, Settings.Flag> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.BROKER, new Settings.Flag("--broker", "kafka://" + Kafka.servers()));
        flags.put(Setting.DATADIR, new Settings.Flag("--datadir", datadir.toString()));
        flags.put(Setting.WEB_ENABLED, new Settings.Flag("--without-web", "false"));
        flags.put(Setting.BROKER_COMMIT_INTERVAL, new Settings.Flag("test", "0.2"));
        flags.put(Setting.BROKER_SESSION_TIMEOUT, new Settings.Flag("test", "10"));
        flags.put(Setting.BROKER_HEARTBEAT_INTERVAL, new Settings.Flag("test", "1"));
        flags.put(Setting.SHUTDOWN_TIMEOUT, new Settings.Flag("test", "20"));
        extra.forEach((k, v) -> flags.put(k, new Settings.Flag("test", v)));
        Apps.configure(app, Map.of(), flags);
        Worker w = new Worker(app, Worker.Options.defaults());
        w.start(banner -> { });
        return w;
    }

    public static int stop(Worker w, StopMode mode) throws InterruptedException {
        w.stop(mode);
        int code = w.awaitTermination(Duration.ofSeconds(60));
        if (code < 0) {
            throw new AssertionError("worker did not stop within 60 s");
        }
        return code;
    }
}
