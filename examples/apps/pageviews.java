import faust.App;
import faust.Event;
import faust.Table;
import faust.Topic;
import java.time.Instant;
import java.util.Map;

/**
 * Page views, the app's jobs beyond agents: the agent counts views per page in the table {@code views}; the page
 * {@code GET /views/<page>} answers from any worker (it is forwarded to the worker owning the page's partition);
 * a crontab prints a report every minute on the leader only, one worker of the cluster; the command
 * {@code faust -A pageviews produce --count 100} sends test views.
 *
 * <pre>
 * faust -A pageviews worker -l info                 # one or more workers (each with its own --web-port)
 * faust -A pageviews produce --count 20 --pages 3   # send test page views
 * curl localhost:6066/views/page-1                   # {"page":"page-1","views":7}
 * </pre>
 */
public class pageviews {
    public static final App app = App.create("pageviews");
    /** A view: key = the page, value = the user. */
    static final Topic<String, String> views =
            app.topic("pageviews-views", String.class, String.class, t -> t.valueCodec("string"));
    static final Table<String, Long> counts =
            app.table("views", String.class, Long.class, t -> t.defaultValue(0L).help("views per page"));

    static {
        app.agent(views, stream -> {
            for (Event<String, String> view : stream.events()) {
                counts.update(view.key(), n -> n + 1);
            }
        });

        app.page("/views/{page}", app.tableRoute(counts, "page",
                request -> Map.of("page", request.pathParam("page"), "views", counts.get(request.pathParam("page")))));

        app.crontab("* * * * *", () -> {
            long here = counts.local().values().stream().mapToLong(Long::longValue).sum();
            System.out.println("report " + Instant.now() + ": the leader counted " + here + " views of "
                    + counts.local().size() + " pages in its partitions");
        }, o -> o.onLeader(true).name("minute-report"));

        app.command("produce", c -> c.help("send test page views")
                .option("--count", "10", "how many views").option("--pages", "5", "spread over how many pages"),
                args -> {
                    int pages = args.integer("--pages");
                    for (int i = 0; i < args.integer("--count"); i++) {
                        views.send("page-" + (i % pages), "user-" + i).get();
                    }
                    args.out().println("sent " + args.integer("--count") + " views to " + views.name());
                });
    }
}
