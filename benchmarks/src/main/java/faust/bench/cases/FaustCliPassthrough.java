package faust.bench.cases;

import faust.bench.CaseArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pass-through agent as users run it: an app file ({@code passthru.java}, compiled in memory by
 * {@code bin/faust}) and {@code bin/faust -A passthru worker} in a process of its own with default
 * settings (only the broker given; {@code --web-port 0}). Key and value are {@code byte[]}; the value
 * codec is set to {@code raw} explicitly, so the numbers do not depend on how the default {@code json}
 * codec treats {@code byte[]} (issue 9's bytes bug: base64 on encode).
 */
public final class FaustCliPassthrough extends ThroughputCase {
    static final String SOURCE = """
            import faust.App;
            import faust.Event;
            import faust.Topic;

            /** Forwards every record of the input to the output, raw bytes both ways. */
            public class passthru {
                public static final App app = App.create("%ID%");
                static final Topic<byte[], byte[]> out =
                        app.topic("%OUT%", byte[].class, byte[].class, t -> t.valueCodec("raw"));

                static {
                    app.agent(app.topic("%IN%", byte[].class, byte[].class, t -> t.valueCodec("raw")), stream -> {
                        for (Event<byte[], byte[]> e : stream.events()) {
                            out.send(e.key(), e.value());
                        }
                    });
                }
            }
            """;

    @Override
    boolean inProcess() {
        return false;
    }

    /**
     * @param a the arguments
     * @param input the topic the agent reads
     * @param output the topic it writes
     * @return the directory holding {@code passthru.java}
     * @throws Exception when it could not be written
     */
    static Path writeApp(CaseArgs a, String input, String output) throws Exception {
        Path dir = Files.createDirectories(a.workdir().resolve("app"));
        Files.writeString(dir.resolve("passthru.java"), SOURCE.replace("%ID%", a.prefix()).replace("%IN%", input)
                .replace("%OUT%", output));
        return dir;
    }

    @Override
    Running start(CaseArgs a, String output, Meter meter) throws Exception {
        return CliWorker.start(a, writeApp(a, a.input(), output), "passthru", List.of(), List.of());
    }
}
