import faust.App;
import faust.Event;
import faust.Topic;
import faust.WindowedTable;
import java.time.Duration;

/**
 * Views per page in the last minute, at every view: a sliding-window table (Kafka Streams' sliding windows). Each
 * view's own window is the minute up to its timestamp, both ends included; the agent prints the count of that
 * window, which is "views of this page in the minute up to now" however the views are spread. A view arriving up
 * to 30 s late still counts in the windows it falls in; later ones are dropped. {@code GET
 * /table/views-last-minute/<page>} shows the page's windows (one per distinct set of views at most a minute
 * apart).
 *
 * <pre>
 * faust -A trending worker -l info
 * faust -A trending send trending-views '"user-1"' -k page-1
 * curl localhost:6066/table/views-last-minute/page-1
 *     # [{"start":"2026-12-03T14:04:07.250Z","end":"2026-12-03T14:05:07.251Z","value":1}]
 * </pre>
 */
public class trending {
    public static final App app = App.create("trending");
    /** A view: key = the page, value = the user. */
    static final Topic<String, String> views = app.topic("trending-views", String.class, String.class);
    /** Views per page in sliding one-minute windows, taking views up to 30 s late. */
    static final WindowedTable<String, Long> lastMinute = app.table("views-last-minute", String.class, Long.class,
                    t -> t.defaultValue(0L).help("views per page in the minute up to each view"))
            .sliding(Duration.ofMinutes(1), Duration.ofSeconds(30));

    static {
        app.agent(views, stream -> {
            for (Event<String, String> view : stream.events()) {
                Long n = lastMinute.update(view.key(), c -> c + 1);
                if (n != null) {
                    System.out.println(view.key() + ": " + n + " views in the last minute");
                }
            }
        });
    }
}
