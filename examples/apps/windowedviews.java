import faust.App;
import faust.Event;
import faust.Topic;
import faust.WindowedTable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Page views per page per minute, for the last hour: a tumbling-window table. Each view counts in the minute
 * of its timestamp (the time the producer gave the record); {@code GET /table/views-per-minute/<page>} shows
 * the page's live windows; windows are removed an hour after they end (and tombstoned in the changelog,
 * which Python Faust reads as its own: keys {@code ["page-1",[1796178240.0,1796178299.9]]}), and each closed
 * window is printed once.
 *
 * <pre>
 * faust -A windowedviews worker -l info
 * kcat -P -b localhost:9092 -t windowedviews-views -K: &lt;&lt;&lt; 'page-1:"user-1"'
 * curl localhost:6066/table/views-per-minute/page-1
 *     # [{"start":"2026-12-03T14:05:00Z","end":"2026-12-03T14:06:00Z","value":1}]
 * </pre>
 */
public class windowedviews {
    public static final App app = App.create("windowedviews");
    /** A view: key = the page, value = the user. */
    static final Topic<String, String> views = app.topic("windowedviews-views", String.class, String.class);
    /** Views per page per minute, kept an hour after the minute ends. */
    static final WindowedTable<String, Long> perMinute = app.table("views-per-minute", String.class, Long.class,
                    t -> t.defaultValue(0L).help("views per page per minute, for the last hour"))
            .tumbling(Duration.ofMinutes(1), Duration.ofHours(1));
    /** How many windows closed in this process (the example's test reads it). */
    public static final AtomicInteger closed = new AtomicInteger();

    static {
        app.agent(views, stream -> {
            for (Event<String, String> view : stream.events()) {
                perMinute.update(view.key(), n -> n + 1);
            }
        });
        perMinute.onWindowClose((window, count) -> {
            closed.incrementAndGet();
            System.out.println("closed " + window.key() + " " + window.window() + ": " + count + " views");
        });
    }
}
