import faust.Agent;
import faust.App;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quick-start app: a timer sends a greeting every second to the agent {@code greet}, which prints
 * it. No broker is configured, so the worker starts the dev broker when none runs at localhost:9092.
 */
public class hello {
    public static final App app = App.create("hello");
    private static final AtomicLong COUNT = new AtomicLong();

    static {
        Agent<byte[], Object> greet = app.agent("greet", stream -> {
            for (Object value : stream) {
                System.out.println("greet received: " + value);
            }
        });
        app.timer("greeter", Duration.ofSeconds(1), () -> greet.send("hello #" + COUNT.incrementAndGet()));
    }
}
