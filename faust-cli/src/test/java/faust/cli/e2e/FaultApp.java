package faust.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app the fault suite runs: {@code faultapp.java}, compiled by {@code bin/faust -A faultapp}. Its agent
 * {@code process} reads {@code <id>-in} (keys are strings, values records {@code {"seq": N, "pad": "..."}}),
 * forwards each event unchanged to {@code <id>-out} (the pass-through) and counts it by key in the table
 * {@code counts} (changelog {@code <id>-counts-changelog}); an event with a {@code pad} is also kept as the newest
 * of its key in the table {@code last} (so padded events make the datadir grow fast: the disk-full scenario).
 * An event with a {@code pad} longer than 100,000
 * characters or without a value is refused (the agent throws: it goes to the dead-letter topic). With
 * {@code FAULT_SLOW_MS} each event takes that long (a slow database behind the agent). The app id is
 * {@code FAULT_APP_ID}.
 */
final class FaultApp {
    /** Longest pad the agent accepts. */
    static final int MAX_PAD = 100_000;

    static final String SOURCE = """
            import faust.App;
            import faust.Event;
            import faust.Table;
            import faust.Topic;

            /** Fault suite app: a pass-through and a count table on the same events. */
            public class faultapp {
                public record Ev(long seq, String pad) { }

                public static final App app = App.create(System.getenv("FAULT_APP_ID"));
                static final String ID = System.getenv("FAULT_APP_ID");
                static final long SLOW_MS = Long.parseLong(System.getenv().getOrDefault("FAULT_SLOW_MS", "0"));
                static final Topic<String, Ev> in = app.topic(ID + "-in", String.class, Ev.class);
                static final Topic<String, Ev> out = app.topic(ID + "-out", String.class, Ev.class);
                static final Table<String, Long> counts = app.table("counts", String.class, Long.class,
                        t -> t.defaultValue(0L));
                static final Table<String, Ev> last = app.table("last", String.class, Ev.class, t -> { });

                static {
                    app.agent(in, stream -> {
                        for (Event<String, Ev> e : stream.events()) {
                            Ev ev = e.value();
                            if (ev == null) {
                                throw new IllegalArgumentException("event without a value at offset " + e.offset());
                            }
                            if (ev.pad() != null && ev.pad().length() > %d) {
                                throw new IllegalArgumentException("event " + ev.seq() + " too large: "
                                        + ev.pad().length() + " characters");
                            }
                            if (SLOW_MS > 0) {
                                try {
                                    Thread.sleep(SLOW_MS);
                                } catch (InterruptedException x) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException("interrupted", x);
                                }
                            }
                            out.send(e.key(), ev);
                            counts.update(e.key(), n -> n + 1);
                            if (ev.pad() != null) {
                                last.put(e.key(), ev);
                            }
                        }
                    });
                }
            }
            """.formatted(MAX_PAD);

    private FaultApp() {
    }

    /** Writes {@code faultapp.java} into {@code dir}. */
    static void write(Path dir) {
        try {
            Files.writeString(dir.resolve("faultapp.java"), SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
