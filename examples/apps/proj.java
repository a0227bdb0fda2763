import faust.App;

/** The seed's example (workers guide): an agent printing every value sent to topic proj-process. */
public class proj {
    public static final App app = App.create("proj", cfg -> cfg.broker("kafka://localhost:9092"));

    static {
        app.agent("process", stream -> {
            for (Object value : stream) {
                System.out.println(value);
            }
        });
    }
}
