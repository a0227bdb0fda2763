import faust.App;
import faust.Event;
import faust.Table;

/**
 * Word count: events of topic {@code words} are keyed by the word; the table {@code counts} keeps how often
 * each word was seen, in RocksDB, replicated through {@code wordcount-counts-changelog}.
 * Ask any worker: {@code curl localhost:6066/table/counts/<word>}.
 */
public class wordcount {
    public static final App app = App.create("wordcount");
    static final Table<String, Long> counts =
            app.table("counts", String.class, Long.class, t -> t.defaultValue(0L).help("times each word was seen"));

    static {
        app.agent(app.topic("words", String.class, String.class, t -> t.valueCodec("string")), stream -> {
            for (Event<String, String> e : stream.events()) {
                counts.update(e.key(), n -> n + 1);
            }
        });
    }
}
