package faust.cli.internal;

import faust.Agent;
import faust.App;
import faust.ConfigException;
import faust.FaustException;
import faust.SendResult;
import faust.Setting;
import faust.Settings;
import faust.Topic;
import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.TypeRef;
import faust.spi.Apps;
import faust.spi.RecordSender;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code faust -A APP send ENTITY [VALUE]}: sends a value to a topic or to an agent ({@code @name}) and
 * prints where each record went as one JSON line.
 */
@Command(name = "send",
        sortOptions = false,
        customSynopsis = "faust [-A APP] [GLOBAL OPTIONS] send [OPTIONS] ENTITY [VALUE]",
        description = "Send a value to a topic, or to an agent's topic with @AGENT, and print where each record"
                + " went as a JSON line: {\"topic\":..,\"partition\":..,\"offset\":..,\"timestamp\":..}.",
        footer = {"%nExamples:",
            "  faust -A proj send @process '\"hello\"'      a JSON string to agent process",
            "  faust send orders '{\"id\": 1}' -k o-1      a JSON object with key o-1 to topic orders"})
public final class SendCommand implements Callable<Integer> {
    /** How long the broker may take to answer before send gives up. */
    static final Duration BROKER_WAIT = Duration.ofSeconds(10);
    private static final Duration DECLARE_WAIT = Duration.ofSeconds(30);

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "ENTITY", description = "a topic name, or @AGENT for the agent's topic")
    String entity;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE",
            description = "the value, in the format of the topic's value codec: JSON for json (the default; quote"
                    + " strings: '\"hello\"'), text for string and raw; without it a null value is sent")
    String value;

    @Option(names = {"-k", "--key"}, paramLabel = "KEY",
            description = "the key, in the format of the topic's key codec (raw text by default)")
    String key;

    @Option(names = "--partition", paramLabel = "N", description = "send to partition N (default: by key)")
    Integer partition;

    @Option(names = {"-r", "--repeat"}, paramLabel = "N", defaultValue = "1",
            description = "send the value N times (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--key-serializer", paramLabel = "CODEC",
            description = "key codec: raw, string, json, binary or a chain like json|binary (default: the topic's)")
    String keySerializer;

    @Option(names = "--value-serializer", paramLabel = "CODEC",
            description = "value codec: raw, string, json, binary or a chain like json|binary (default: the topic's)")
    String valueSerializer;

    /** Created by picocli. */
    public SendCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (repeat < 1) {
            throw new ConfigException("--repeat must be 1 or more, not " + repeat);
        }
        if (partition != null && partition < 0) {
            throw new ConfigException("--partition must be 0 or more, not " + partition);
        }
        boolean toAgent = entity.startsWith("@");
        App app = toAgent || root.hasApp() ? root.app("send " + entity) : App.create("faust-send");
        try {
            Settings settings = Apps.configure(app, root.context.env(), root.settingFlags());
            Topic<?, ?> topic = toAgent ? agent(app, entity.substring(1)).topic() : topic(app, entity);
            Codec<?> keyCodec = keySerializer != null ? codec(app, keySerializer, topic.keyType(), "--key-serializer")
                    : topic.keyCodec();
            Codec<?> valueCodec = valueSerializer != null
                    ? codec(app, valueSerializer, topic.valueType(), "--value-serializer") : topic.valueCodec();
            byte[] k = ValueText.encode(key, keyCodec, topic.keyType(), "--key", topic.name());
            byte[] v = ValueText.encode(value, valueCodec, topic.valueType(), "VALUE", topic.name());
            BrokerCheck.require(settings, BROKER_WAIT);
            if (topic.internal()) {
                declare(settings, topic);
            }
            send(settings, app.id(), topic.name(), k, v);
            return 0;
        } finally {
            app.close();
        }
    }

    private static Codec<?> codec(App app, String spec, TypeRef<?> type, String flag) {
        try {
            return app.codecs().codec(spec, type);
        } catch (CodecException e) {
            throw new ConfigException(flag + " " + spec + ": " + e.getMessage(), e);
        }
    }

    private void send(Settings settings, String clientId, String topic, byte[] k, byte[] v)
            throws InterruptedException {
        PrintWriter out = root.context.out();
        try (RecordSender sender = Apps.standaloneSender(settings, clientId)) {
            List<CompletableFuture<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                results.add(sender.send(topic, partition, k, v, Map.of()));
            }
            sender.flush();
            for (CompletableFuture<SendResult> f : results) {
                SendResult r = get(f, topic);
                if (!root.quiet) {
                    out.println("{\"topic\":\"" + r.topic() + "\",\"partition\":" + r.partition() + ",\"offset\":"
                            + r.offset() + ",\"timestamp\":" + r.timestamp() + "}");
                }
            }
            out.flush();
        }
    }

    /**
     * Creates an app-owned topic (an agent's) as the worker would, with {@code topic_partitions}: else the
     * broker would auto-create it with its own default when the worker has not run yet.
     */
    private static void declare(Settings settings, Topic<?, ?> topic) {
        int partitions = topic.partitions() != null ? topic.partitions() : settings.integer(Setting.TOPIC_PARTITIONS);
        Apps.createTopic(settings, topic.name(), partitions, DECLARE_WAIT);
    }

    private static SendResult get(CompletableFuture<SendResult> f, String topic) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FaustException fe) {
                throw fe;
            }
            throw new FaustException("sending to topic " + topic + " failed: " + cause.getMessage(), cause);
        }
    }

    private static Agent<?, ?> agent(App app, String name) {
        return app.agents().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("app " + app.id() + " has no agent '" + name + "'"
                        + (app.agents().isEmpty() ? " (it has no agents)" : ": its agents are "
                        + app.agents().stream().map(a -> "@" + a.name()).collect(Collectors.joining(", ")))));
    }

    private static Topic<?, ?> topic(App app, String name) {
        for (Topic<?, ?> t : app.topics()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return app.topic(name);
    }
}
