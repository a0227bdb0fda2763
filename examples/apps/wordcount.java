import faust.App;
import faust.Table;
import faust.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faust's classic word count. Sentences arrive on topic {@code sentences} without keys, so any worker may get
 * any sentence; the agent splits them into words and re-keys the words through the repartition topic
 * {@code sentences-sentences-word-repartition} ({@code <agent>-<topic>-<name>-repartition}), so that each word
 * is counted by the worker that holds its partition. The table {@code word_counts} keeps the counts in RocksDB,
 * replicated through {@code wordcount-word_counts-changelog}.
 *
 * <pre>
 * faust -A wordcount worker -l info
 * faust -A wordcount send sentences '"the cat saw the dog"'
 * curl localhost:6066/table/word_counts/the        # 2
 * </pre>
 */
public class wordcount {
    public static final App app = App.create("wordcount");
    static final Topic<String, String> sentences = app.topic("sentences", String.class, String.class);
    static final Table<String, Long> counts = app.table("word_counts", String.class, Long.class,
            t -> t.defaultValue(0L).help("times each word was seen"));

    static {
        app.agent(sentences, stream -> {
            for (String word : stream.flatMap(wordcount::words, String.class).groupBy(w -> w, "word")) {
                counts.update(word, n -> n + 1);
            }
        });
    }

    /** The words of a sentence, lower case, without punctuation. */
    static List<String> words(String sentence) {
        List<String> out = new ArrayList<>();
        for (String w : sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
