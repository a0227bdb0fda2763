import faust.App;
import faust.Event;
import faust.Topic;
import faust.YieldingAgent;
import faust.codecs.FaustRecord;

/**
 * A pipeline of two agents, a sink and an ask. Orders arrive on {@code pipeline-orders}; the agent
 * {@code checkout} asks the yielding agent {@code price} for each order's price (an RPC through Kafka: the
 * request goes to {@code pipeline-price}, the reply comes back on this worker's {@code f-reply-<uuid>} topic,
 * whichever worker answers) and prints the receipt. Every price {@code price} emits also goes to its sink, the
 * topic {@code pipeline-priced} (an audit log another app could read). The command {@code quote} asks
 * {@code price} from the command line, outside any worker.
 *
 * <pre>
 * faust -A pipeline worker -l info                       # one or more workers (each with its own --web-port)
 * faust -A pipeline order --item pear --qty 3            # prints in the worker: receipt: 3 x pear = 1.5
 * faust -A pipeline quote --item apple --qty 4           # prints here: 4 x apple = 1.2
 * </pre>
 */
public class pipeline {
    public static final App app = App.create("pipeline");

    /** An order: key = the customer. */
    @FaustRecord(namespace = "pipeline.Order")
    public record Order(String item, int qty) {
    }

    /** A priced order. */
    @FaustRecord(namespace = "pipeline.Priced")
    public record Priced(String item, int qty, double total) {
    }

    static final Topic<String, Order> orders = app.topic("pipeline-orders", String.class, Order.class);
    static final Topic<byte[], Priced> priced = app.topic("pipeline-priced", byte[].class, Priced.class,
            t -> t.internal(true));

    /** Prices an order: its results answer asks and go to the sink. */
    static final YieldingAgent<byte[], Order, Priced> price = app.agent("price", Order.class, Priced.class,
            (stream, out) -> {
                for (Order o : stream) {
                    double unit = switch (o.item()) {
                        case "apple" -> 0.30;
                        case "pear" -> 0.50;
                        default -> 1.00;
                    };
                    out.emit(new Priced(o.item(), o.qty(), Math.round(unit * o.qty() * 100) / 100.0));
                }
            }, o -> { }).sink(priced);

    static {
        app.agent(orders, stream -> {
            for (Event<String, Order> e : stream.events()) {
                Priced p = price.ask(e.value()); // waits on this agent's virtual thread, bounded by ask_timeout
                System.out.println("receipt for " + e.key() + ": " + p.qty() + " x " + p.item() + " = " + p.total());
            }
        });

        app.command("order", c -> c.help("send an order to pipeline-orders")
                        .option("--customer", "alice", "who orders").option("--item", "apple", "what")
                        .option("--qty", "1", "how many"),
                args -> {
                    orders.send(args.get("--customer"), new Order(args.get("--item"), args.integer("--qty"))).get();
                    args.out().println("sent an order of " + args.get("--qty") + " x " + args.get("--item"));
                });

        app.command("quote", c -> c.help("ask the price agent for a price (a worker must be running)")
                        .option("--item", "apple", "what").option("--qty", "1", "how many"),
                args -> {
                    Priced p = price.ask(new Order(args.get("--item"), args.integer("--qty")));
                    args.out().println(p.qty() + " x " + p.item() + " = " + p.total());
                });
    }
}
