package faust;

import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.CodecRegistry;
import faust.codecs.RecordSchema;
import faust.codecs.Records;
import faust.codecs.TypeRef;
import faust.internal.AgentImpl;
import faust.internal.AppCodecs;
import faust.internal.AppAccess;
import faust.internal.CronExpression;
import faust.internal.Hooks;
import faust.internal.PageRoute;
import faust.internal.Replies;
import faust.internal.RoutedHandler;
import faust.internal.Sender;
import faust.internal.TableImpl;
import faust.internal.TopicImpl;
import faust.internal.Transport;
import faust.internal.WorkerLink;
import faust.internal.YieldingAgentImpl;
import faust.web.Blueprint;
import faust.web.Handler;
import faust.web.Request;
import faust.web.View;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Faust application: its id, settings, topics, agents and timers. Declare it once, in a
 * {@code public static final} field, and run it with {@code faust -A <module> worker}.
 *
 * <pre>{@code
 * public static final App app = App.create("proj", cfg -> cfg.broker("kafka://localhost:9092"));
 * static {
 *     app.agent("process", stream -> {
 *         for (Object value : stream) {
 *             System.out.println(value);
 *         }
 *     });
 * }
 * }</pre>
 */
public final class App {
    static {
        AppAccess.install(new AppAccess() {
            @Override
            public Settings configure(App app, Map<String, String> env, Map<Setting, Settings.Flag> flags) {
                return app.configure(env, flags);
            }

            @Override
            public Supplier<Sender> useSender(App app, Supplier<Sender> factory) {
                return app.useSender(factory);
            }

            @Override
            public AtomicReference<Object> exclusiveUse(App app) {
                return app.exclusiveUse;
            }

            @Override
            public Sender sender(App app) {
                return app.sender();
            }

            @Override
            public String replyTopic(App app) {
                return app.replyTopic();
            }

            @Override
            public Replies replies(App app) {
                return app.replies();
            }

            @Override
            public Supplier<Replies> useReplies(App app, Supplier<Replies> factory) {
                return app.useReplies(factory);
            }

            @Override
            public Hooks hooks(App app) {
                return app.hooks;
            }

            @Override
            public List<PageRoute> pages(App app) {
                synchronized (app.pages) {
                    return List.copyOf(app.pages);
                }
            }

            @Override
            public void link(App app, WorkerLink link) {
                app.link = link;
            }
        });
    }

    private final String id;
    private final Map<Setting, String> code;
    private final Credentials credentials;
    private final Map<String, String> kafkaConfig;
    private final Map<String, Topic<?, ?>> topics = new LinkedHashMap<>();
    private final List<Agent<?, ?>> agents = new ArrayList<>();
    private final List<Schedule> schedules = new ArrayList<>();
    private final Hooks hooks = new Hooks();
    private final List<PageRoute> pages = new ArrayList<>();
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private volatile WorkerLink link;
    private final List<Table<?, ?>> tables = new ArrayList<>();
    private final Set<Type> types = new LinkedHashSet<>();
    private final AppCodecs codecs;
    private volatile Settings settings;
    private volatile Sender sender;
    private volatile Supplier<Sender> senderFactory;
    private final AtomicReference<Object> exclusiveUse = new AtomicReference<>();
    private final String generatedReplyTopic = "f-reply-" + UUID.randomUUID();
    private Replies replies;
    private boolean repliesStandalone;
    private Supplier<Replies> repliesFactory;

    private App(String id, Config cfg) {
        this.id = id;
        this.code = cfg.values;
        this.credentials = cfg.credentials;
        this.kafkaConfig = Map.copyOf(cfg.kafkaConfig);
        this.settings = Settings.ofCode(code, credentials, kafkaConfig);
        this.codecs = new AppCodecs(settings);
    }

    /**
     * @param id the app id: consumer group and prefix of internal topics
     * @return a new app with default settings
     */
    public static App create(String id) {
        return create(id, cfg -> { });
    }

    /**
     * @param id the app id: consumer group and prefix of internal topics
     * @param configure sets settings in code, e.g. {@code cfg -> cfg.broker("kafka://localhost:9092")}
     * @return a new app
     * @throws ConfigException when the id is empty or a setting is invalid
     */
    public static App create(String id, Consumer<Config> configure) {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("app id '" + id + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
        Config cfg = new Config();
        configure.accept(cfg);
        return new App(id, cfg);
    }

    /** Settings given in app code; later sources (environment, CLI) override them. */
    public static final class Config {
        private final Map<Setting, String> values = new EnumMap<>(Setting.class);
        private final Map<String, String> kafkaConfig = new LinkedHashMap<>();
        private Credentials credentials;

        private Config() {
        }

        /**
         * Faust's {@code broker_credentials}: how the worker authenticates to the brokers (TLS, SASL). The
         * {@code FAUST_BROKER_SECURITY_PROTOCOL}, {@code FAUST_BROKER_SASL_*} and {@code FAUST_SSL_*}
         * environment variables replace them.
         *
         * @param credentials e.g. {@code Credentials.sasl(user, password, "SCRAM-SHA-512", Credentials.tls())}
         * @return this
         */
        public Config credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * A Kafka client property for every client of the worker, or, with a {@code producer.},
         * {@code consumer.} or {@code admin.} prefix, for one kind; {@code FAUST_KAFKA_<KEY>} variables and
         * {@code FAUST_KAFKA_CONFIG_FILE} override it. Properties the guarantees depend on ({@code group.id},
         * {@code acks}, {@code enable.idempotence}, ...) are refused at start.
         *
         * @param key e.g. {@code producer.compression.type}
         * @param value its value
         * @return this
         */
        public Config kafkaConfig(String key, Object value) {
            kafkaConfig.put(key, String.valueOf(value));
            return this;
        }

        /**
         * @param url {@code kafka://host:port}, several separated by {@code ;}
         * @return this
         */
        public Config broker(String url) {
            return set(Setting.BROKER, url);
        }

        /**
         * @param n the app version (above 1 gives a new consumer group and appdir)
         * @return this
         */
        public Config version(int n) {
            return set(Setting.VERSION, Integer.toString(n));
        }

        /**
         * @param dir the data directory
         * @return this
         */
        public Config datadir(String dir) {
            return set(Setting.DATADIR, dir);
        }

        /**
         * @param port the web server port
         * @return this
         */
        public Config webPort(int port) {
            return set(Setting.WEB_PORT, Integer.toString(port));
        }

        /**
         * @param n partitions of topics the worker creates
         * @return this
         */
        public Config topicPartitions(int n) {
            return set(Setting.TOPIC_PARTITIONS, Integer.toString(n));
        }

        /**
         * Sets any setting by its name, e.g. {@code set("broker_commit_interval", "1.5")}.
         *
         * @param key the setting's name
         * @param value its value as text
         * @return this
         */
        public Config set(String key, Object value) {
            return set(Setting.byKey(key), String.valueOf(value));
        }

        /**
         * @param setting the setting
         * @param value its value as text
         * @return this
         */
        public Config set(Setting setting, String value) {
            setting.parse(value, "app code");
            values.put(setting, value);
            return this;
        }
    }

    /** @return the app id as given to {@link #create} */
    public String id() {
        return id;
    }

    /** @return the consumer group: the id, or {@code <id>-v<N>} when the version is above 1 */
    public String groupId() {
        int v = settings.integer(Setting.VERSION);
        return v > 1 ? id + "-v" + v : id;
    }

    /** @return the settings now in force (app code only, until the environment is applied: {@link #configure}) */
    public Settings settings() {
        return settings;
    }

    /**
     * Applies {@code FAUST_*} environment variables over the settings from app code. The CLI does this for
     * you (with its flags on top); call it yourself when you run a worker from your own {@code main}, e.g.
     * {@code app.configure(System.getenv())}.
     *
     * @param env the environment ({@code FAUST_*} variables are read)
     * @return the settings now in force
     * @throws ConfigException naming the first bad value
     */
    public Settings configure(Map<String, String> env) {
        return configure(env, Map.of());
    }

    private Settings configure(Map<String, String> env, Map<Setting, Settings.Flag> cli) {
        Settings s = Settings.resolve(code, credentials, kafkaConfig, env, cli);
        codecs.apply(s);
        this.settings = s;
        return s;
    }

    /**
     * A topic with raw keys and JSON values whatever they are.
     *
     * @param name the topic name
     * @return the topic
     */
    public Topic<byte[], Object> topic(String name) {
        return topic(name, byte[].class, Object.class, t -> { });
    }

    /**
     * @param name the topic name
     * @param keyType key type
     * @param valueType value type
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType) {
        return topic(name, keyType, valueType, t -> { });
    }

    /**
     * @param name the topic name
     * @param keyType key type
     * @param valueType value type
     * @param options partitions, codecs, ...
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     * @throws ConfigException when the name is not valid or a codec cannot encode its type
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType,
                                    Consumer<TopicOptions<K, V>> options) {
        return topic(name, TypeRef.of(keyType), TypeRef.of(valueType), options);
    }

    /**
     * A topic of generic types: {@code app.topic("orders", TypeRef.of(String.class), new TypeRef<List<Order>>()
     * { }, t -> { })}.
     *
     * @param name the topic name
     * @param keyType key type
     * @param valueType value type
     * @param options partitions, codecs, ...
     * @param <K> key type
     * @param <V> value type
     * @return the topic
     * @throws ConfigException when the name is not valid or a codec cannot encode its type
     */
    public <K, V> Topic<K, V> topic(String name, TypeRef<K> keyType, TypeRef<V> valueType,
                                    Consumer<TopicOptions<K, V>> options) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new ConfigException("topic name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
        TopicOptions<K, V> opts = new TopicOptions<>();
        options.accept(opts);
        Codec<K> keyCodec = codecs.topicCodec("topic " + name + " key", opts.keyCodec(), opts.keyCodecName(),
                Setting.KEY_SERIALIZER, keyType);
        Codec<V> valueCodec = codecs.topicCodec("topic " + name + " value", opts.valueCodec(),
                opts.valueCodecName(), Setting.VALUE_SERIALIZER, valueType);
        TopicImpl<K, V> topic = new TopicImpl<>(this::sender, name, keyType, valueType, keyCodec, valueCodec,
                opts.keyCodec() == null && opts.keyCodecName() == null,
                opts.valueCodec() == null && opts.valueCodecName() == null,
                opts.partitions(), opts.replicas(), opts.config(), opts.internal(), null);
        codecs.follow(topic);
        synchronized (topics) {
            topics.putIfAbsent(name, topic);
        }
        recordTypes(keyType.type(), valueType.type());
        return topic;
    }

    /**
     * The app's codecs by name, as topics' and tables' options and the {@code key_serializer} and
     * {@code value_serializer} settings name them: the built-in ones, and those registered here before the
     * topics that use them are declared, e.g. {@code app.codecs().register("upper", type -> new UpperCodec())}.
     *
     * @return the app's codec registry
     */
    public CodecRegistry codecs() {
        return codecs.registry();
    }

    /**
     * An agent reading its own topic {@code <id>-<name>} (raw keys, JSON values), created by the worker.
     *
     * @param name the agent's name
     * @param fn the loop over its stream
     * @return the agent
     */
    public Agent<byte[], Object> agent(String name, AgentFunction<byte[], Object> fn) {
        return agent(name, fn, o -> { });
    }

    /**
     * @param name the agent's name; its topic is {@code <id>-<name>}
     * @param fn the loop over its stream
     * @param options concurrency, ...
     * @return the agent
     */
    public Agent<byte[], Object> agent(String name, AgentFunction<byte[], Object> fn, Consumer<AgentOptions> options) {
        return agent(name, Object.class, fn, options);
    }

    /**
     * An agent with typed values reading its own topic {@code <id>-<name>}.
     *
     * @param name the agent's name
     * @param valueType the value type (JSON-decoded)
     * @param fn the loop over its stream
     * @param options concurrency, ...
     * @param <V> value type
     * @return the agent
     */
    public <V> Agent<byte[], V> agent(String name, Class<V> valueType, AgentFunction<byte[], V> fn,
                                      Consumer<AgentOptions> options) {
        return agent(name, TypeRef.of(valueType), fn, options);
    }

    /**
     * An agent with values of a generic type ({@code new TypeRef<List<Order>>() { }}) reading its own topic
     * {@code <id>-<name>}.
     *
     * @param name the agent's name
     * @param valueType the value type (JSON-decoded)
     * @param fn the loop over its stream
     * @param options concurrency, ...
     * @param <V> value type
     * @return the agent
     */
    public <V> Agent<byte[], V> agent(String name, TypeRef<V> valueType, AgentFunction<byte[], V> fn,
                                      Consumer<AgentOptions> options) {
        checkAgentName(name);
        Topic<byte[], V> topic = topic(id + "-" + name, TypeRef.of(byte[].class), valueType, t -> t.internal(true));
        return register(name, opts -> new AgentImpl<>(this, name, List.of(topic), fn, opts), options);
    }

    /**
     * An agent reading a given topic.
     *
     * @param topic the topic
     * @param fn the loop over its stream
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     */
    public <K, V> Agent<K, V> agent(Topic<K, V> topic, AgentFunction<K, V> fn) {
        return agent(topic, fn, o -> { });
    }

    /**
     * @param topic the topic
     * @param fn the loop over its stream
     * @param options concurrency, ...
     * @param <K> key type
     * @param <V> value type
     * @return the agent (named after the topic)
     */
    public <K, V> Agent<K, V> agent(Topic<K, V> topic, AgentFunction<K, V> fn, Consumer<AgentOptions> options) {
        checkTopics(topic.name(), List.of(topic));
        return register(topic.name(), opts -> new AgentImpl<>(this, topic.name(), List.of(topic), fn, opts), options);
    }

    // --- Agents over several topics or a pattern, and yielding agents (issue 10) ---------------------------------

    /**
     * A topic pattern (Faust's {@code app.topic(pattern=...)}): an agent reading it reads every topic whose whole
     * name matches, those created later included (the worker's consumer sees new topics within its metadata
     * refresh, 5 minutes by default). It cannot be sent to, and the worker creates none of its topics.
     *
     * @param pattern the regular expression
     * @param keyType key type
     * @param valueType value type
     * @param options codecs
     * @param <K> key type
     * @param <V> value type
     * @return the topic pattern
     */
    public <K, V> Topic<K, V> topic(Pattern pattern, Class<K> keyType, Class<V> valueType,
                                    Consumer<TopicOptions<K, V>> options) {
        TopicOptions<K, V> opts = new TopicOptions<>();
        options.accept(opts);
        String what = "topic pattern " + pattern.pattern();
        TypeRef<K> kt = TypeRef.of(keyType);
        TypeRef<V> vt = TypeRef.of(valueType);
        Codec<K> keyCodec = codecs.topicCodec(what + " key", opts.keyCodec(), opts.keyCodecName(),
                Setting.KEY_SERIALIZER, kt);
        Codec<V> valueCodec = codecs.topicCodec(what + " value", opts.valueCodec(), opts.valueCodecName(),
                Setting.VALUE_SERIALIZER, vt);
        TopicImpl<K, V> topic = new TopicImpl<>(this::sender, pattern.pattern(), kt, vt, keyCodec, valueCodec,
                opts.keyCodec() == null && opts.keyCodecName() == null,
                opts.valueCodec() == null && opts.valueCodecName() == null, null, null, false, pattern);
        codecs.follow(topic);
        recordTypes(keyType, valueType);
        return topic;
    }

    /**
     * An agent reading several topics (or topic patterns); {@link Agent#send} and asks go to the first.
     *
     * @param name the agent's name
     * @param topics its topics, at least one
     * @param fn the loop over its stream (the events of all its topics)
     * @param options concurrency, isolated partitions, supervisor
     * @param <K> key type
     * @param <V> value type
     * @return the agent
     */
    public <K, V> Agent<K, V> agent(String name, List<Topic<K, V>> topics, AgentFunction<K, V> fn,
                                    Consumer<AgentOptions> options) {
        checkAgentName(name);
        checkTopics(name, topics);
        return register(name, opts -> new AgentImpl<>(this, name, topics, fn, opts), options);
    }

    /**
     * A yielding agent with its own topic {@code <id>-<name>} (raw keys, JSON values), e.g.
     * {@code app.agent("double", (stream, out) -> { for (Object v : stream) out.emit(v); })}.
     *
     * @param name the agent's name
     * @param fn the loop over its stream, emitting results
     * @return the agent
     */
    public YieldingAgent<byte[], Object, Object> agent(String name, YieldingFunction<byte[], Object, Object> fn) {
        return agent(name, Object.class, Object.class, fn, o -> { });
    }

    /**
     * A yielding agent with typed values and results, reading its own topic {@code <id>-<name>}.
     *
     * @param name the agent's name
     * @param valueType the value type (JSON-decoded)
     * @param replyType the type of its results (replies are decoded as this type)
     * @param fn the loop over its stream, emitting results
     * @param options concurrency, isolated partitions, supervisor
     * @param <V> value type
     * @param <R> type of the results
     * @return the agent
     */
    public <V, R> YieldingAgent<byte[], V, R> agent(String name, Class<V> valueType, Class<R> replyType,
                                                    YieldingFunction<byte[], V, R> fn, Consumer<AgentOptions> options) {
        checkAgentName(name);
        Topic<byte[], V> topic = topic(id + "-" + name, byte[].class, valueType, t -> t.internal(true));
        return register(name, opts -> new YieldingAgentImpl<>(this, name, List.of(topic), replyType, fn, opts),
                options);
    }

    /**
     * A yielding agent reading given topics; asks go to the first.
     *
     * @param name the agent's name
     * @param topics its topics, at least one
     * @param replyType the type of its results
     * @param fn the loop over its stream, emitting results
     * @param options concurrency, isolated partitions, supervisor
     * @param <K> key type
     * @param <V> value type
     * @param <R> type of the results
     * @return the agent
     */
    public <K, V, R> YieldingAgent<K, V, R> agent(String name, List<Topic<K, V>> topics, Class<R> replyType,
                                                  YieldingFunction<K, V, R> fn, Consumer<AgentOptions> options) {
        checkAgentName(name);
        checkTopics(name, topics);
        return register(name, opts -> new YieldingAgentImpl<>(this, name, topics, replyType, fn, opts), options);
    }

    private void checkTopics(String agent, List<? extends Topic<?, ?>> topics) {
        if (topics == null || topics.isEmpty() || topics.stream().anyMatch(t -> !(t instanceof TopicImpl<?, ?>))) {
            throw new ConfigException("agent '" + agent + "' needs at least one topic made with app.topic(...)");
        }
    }

    private String replyTopic() {
        String configured = settings.text(Setting.REPLY_TO);
        return configured.isBlank() ? generatedReplyTopic : configured.trim();
    }

    /** Installs where replies arrive (the worker's reply consumer, a tester's); a standalone one is closed. */
    private Supplier<Replies> useReplies(Supplier<Replies> factory) {
        Replies old;
        Supplier<Replies> previous;
        synchronized (this) {
            old = repliesStandalone ? replies : null;
            previous = repliesFactory;
            replies = null;
            repliesStandalone = false;
            repliesFactory = factory;
        }
        if (old != null) {
            old.close();
        }
        return previous;
    }

    private synchronized Replies replies() {
        if (replies == null) {
            if (repliesFactory != null) {
                replies = repliesFactory.get();
            } else {
                replies = Transport.get().replies(settings, replyTopic(), groupId());
                repliesStandalone = true;
            }
        }
        return replies;
    }

    private void checkAgentName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("agent name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
    }

    private <A extends AgentImpl<?, ?>> A register(String name, Function<AgentOptions, A> make,
                                                   Consumer<AgentOptions> options) {
        AgentOptions opts = new AgentOptions();
        options.accept(opts);
        if (opts.isolatedPartitions() && opts.concurrency() > 1) {
            throw new ConfigException("agent '" + name + "' has isolatedPartitions and concurrency " + opts.concurrency()
                    + ": isolated partitions run one instance per partition; leave concurrency at 1");
        }
        synchronized (agents) {
            for (Agent<?, ?> a : agents) {
                if (a.name().equals(name)) {
                    throw new ConfigException("agent '" + name + "' is declared twice in app " + id
                            + ": give the second one another name");
                }
            }
            A agent = make.apply(opts);
            agents.add(agent);
            return agent;
        }
    }

    /**
     * A partitioned table kept in this app's workers and replicated through {@code <id>-<name>-changelog}.
     * Changelog keys and values are JSON as Python Faust writes them ({@code "apple"} → {@code 3}; {@code byte[]}
     * as it is) unless the options give other codecs.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param options default value, partitions, codecs, store
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> valueType,
                                    Consumer<TableOptions<K, V>> options) {
        return declareTable(name, TypeRef.of(keyType), TypeRef.of(valueType), options, false);
    }

    /**
     * A partitioned table of generic types, e.g. {@code new TypeRef<Map<String, Long>>() { }} values.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param options default value, partitions, codecs, store
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> Table<K, V> table(String name, TypeRef<K> keyType, TypeRef<V> valueType,
                                    Consumer<TableOptions<K, V>> options) {
        return declareTable(name, keyType, valueType, options, false);
    }

    /**
     * A table every worker holds whole (all partitions), read-only outside the worker that owns a key's
     * partition.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param options default value, partitions, codecs, store
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> Table<K, V> globalTable(String name, Class<K> keyType, Class<V> valueType,
                                          Consumer<TableOptions<K, V>> options) {
        return declareTable(name, TypeRef.of(keyType), TypeRef.of(valueType), options, true);
    }

    /**
     * A global table of generic types.
     *
     * @param name the table's name
     * @param keyType key type
     * @param valueType value type
     * @param options default value, partitions, codecs, store
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public <K, V> Table<K, V> globalTable(String name, TypeRef<K> keyType, TypeRef<V> valueType,
                                          Consumer<TableOptions<K, V>> options) {
        return declareTable(name, keyType, valueType, options, true);
    }

    /**
     * A set table, as Faust's {@code app.SetTable}: each key holds a set of members; the changelog has Faust's
     * set operations. Keys and members are stored as Faust's JSON.
     *
     * @param name the table's name
     * @param keyType key type
     * @param memberType member type
     * @param <K> key type
     * @param <M> member type
     * @return the set table
     * @throws ConfigException when a table of that name exists
     */
    public <K, M> SetTable<K, M> setTable(String name, Class<K> keyType, Class<M> memberType) {
        return declareSetTable(name, keyType, memberType, false);
    }

    /**
     * A set table every worker holds whole (all partitions), as Faust's {@code app.SetGlobalTable}.
     *
     * @param name the table's name
     * @param keyType key type
     * @param memberType member type
     * @param <K> key type
     * @param <M> member type
     * @return the set table
     * @throws ConfigException when a table of that name exists
     */
    public <K, M> SetTable<K, M> setGlobalTable(String name, Class<K> keyType, Class<M> memberType) {
        return declareSetTable(name, keyType, memberType, true);
    }

    private <K, M> SetTable<K, M> declareSetTable(String name, Class<K> keyType, Class<M> memberType, boolean global) {
        TypeRef<M> member = TypeRef.of(memberType);
        TypeRef<List<M>> members = TypeRef.listOf(memberType);
        TableImpl<K, List<M>> t = (TableImpl<K, List<M>>) declareTable(name, TypeRef.of(keyType), members,
                o -> o.keyCodec("json").valueCodec("json"), global, new faust.internal.TableKind.Sets<>(member));
        return faust.internal.SetTableImpl.of(this, t, TypeRef.of(keyType), member);
    }

    private <K, V> Table<K, V> declareTable(String name, TypeRef<K> keyType, TypeRef<V> valueType,
                                            Consumer<TableOptions<K, V>> options, boolean global) {
        return declareTable(name, keyType, valueType, options, global, faust.internal.TableKind.PLAIN);
    }

    private <K, V> Table<K, V> declareTable(String name, TypeRef<K> keyType, TypeRef<V> valueType,
                                            Consumer<TableOptions<K, V>> options, boolean global,
                                            faust.internal.TableKind kind) {
        checkAgentName(name);
        TableOptions<K, V> opts = new TableOptions<>();
        options.accept(opts);
        Codec<K> keyCodec = codecs.tableCodec("table " + name + " key", opts.keyCodec(), opts.keyCodecName(), keyType);
        Codec<V> valueCodec = codecs.tableCodec("table " + name + " value", opts.valueCodec(), opts.valueCodecName(),
                valueType);
        synchronized (tables) {
            for (Table<?, ?> t : tables) {
                if (t.name().equals(name)) {
                    throw new ConfigException("table '" + name + "' is declared twice in app " + id
                            + ": give the second one another name");
                }
            }
            TableImpl<K, V> t = new TableImpl<>(new TableImpl.Spec<>(name, id + "-" + name + "-changelog", keyType,
                    valueType, keyCodec, valueCodec, codecs.routeCodec(keyType, keyCodec), opts.defaultValue(),
                    opts.partitions(), opts.store(), opts.help(), global, kind));
            tables.add(t);
            codecs.follow(t);
            recordTypes(keyType.type(), valueType.type());
            return t;
        }
    }

    /**
     * Registers Faust records: {@code faust models} lists them, and a value whose declared type does not name
     * its record ({@code Object}, an interface) is read as the record its {@code "__faust"} namespace names.
     * Records used by the app's topics and tables need no registration.
     *
     * @param records Java records (or classes) marked {@link faust.codecs.FaustRecord}
     * @return this
     * @throws ConfigException when a type is not a record
     */
    public App record(Class<?>... records) {
        try {
            Records.register(records);
        } catch (CodecException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        recordTypes((Type[]) records);
        return this;
    }

    /** @return the records the app's topics and tables use (nested ones included) and those registered */
    public List<RecordSchema> records() {
        synchronized (types) {
            return Records.used(types);
        }
    }

    private void recordTypes(Type... used) {
        synchronized (types) {
            types.addAll(List.of(used));
        }
    }

    /** @return the tables, in declaration order */
    public List<Table<?, ?>> tables() {
        synchronized (tables) {
            return List.copyOf(tables);
        }
    }

    /** @return the agents, in declaration order */
    public List<Agent<?, ?>> agents() {
        synchronized (agents) {
            return Collections.unmodifiableList(new ArrayList<>(agents));
        }
    }

    /** @return the topics declared so far, agents' topics included */
    public List<Topic<?, ?>> topics() {
        synchronized (topics) {
            return List.copyOf(topics.values());
        }
    }

    // ---- Timers, crontabs, start-up tasks, leadership, lifecycle hooks, web pages, commands (issue 14) ----

    /**
     * Runs {@code task} every {@code interval} on every worker, the first time one interval after the worker is
     * ready.
     *
     * @param interval time between runs
     * @param task what to run
     * @return the timer
     */
    public Timer timer(Duration interval, Task task) {
        return timer(interval, task, o -> { });
    }

    /**
     * @param name the timer's name, for logs
     * @param interval time between runs
     * @param task what to run
     * @return the timer
     */
    public Timer timer(String name, Duration interval, Task task) {
        return timer(interval, task, o -> o.name(name));
    }

    /**
     * @param interval time between runs
     * @param task what to run
     * @param options {@code o -> o.onLeader(true).name("cleanup")}
     * @return the timer
     * @throws ConfigException when the interval is not positive
     */
    public Timer timer(Duration interval, Task task, Consumer<ScheduleOptions> options) {
        return schedule("timer", options, o -> {
            if (interval == null || interval.isZero() || interval.isNegative()) {
                throw new ConfigException("timer '" + o.name() + "' needs a positive interval, not " + interval);
            }
            return new Timer(o.name(), interval, task, o.onLeader());
        });
    }

    /**
     * Runs {@code task} at the times of a 5-field cron expression, in the app's {@code timezone} (UTC unless
     * set), on every worker.
     *
     * @param expression e.g. {@code "0 * * * *"} (every full hour)
     * @param task what to run
     * @return the crontab
     * @throws ConfigException when the expression is not a 5-field cron expression
     */
    public Crontab crontab(String expression, Task task) {
        return crontab(expression, task, o -> { });
    }

    /**
     * @param expression a 5-field cron expression: minute hour day-of-month month day-of-week
     * @param task what to run
     * @param options {@code o -> o.onLeader(true).timezone("Europe/Paris").name("report")}
     * @return the crontab
     * @throws ConfigException when the expression is not a 5-field cron expression
     */
    public Crontab crontab(String expression, Task task, Consumer<ScheduleOptions> options) {
        return schedule("crontab", options, o -> {
            CronExpression.parse(expression, "crontab '" + o.name() + "'");
            ZoneId zone = o.timezone();
            return new Crontab(o.name(), expression.trim(), zone, task, o.onLeader());
        });
    }

    /**
     * Runs {@code task} once each time a worker starts, when it is first ready (partitions assigned, tables
     * recovered), on every worker.
     *
     * @param task what to run
     * @return the start-up task
     */
    public StartupTask task(Task task) {
        return task(task, o -> { });
    }

    /**
     * @param task what to run
     * @param options {@code o -> o.onLeader(true)}: only on the worker that is the leader at that moment
     * @return the start-up task
     */
    public StartupTask task(Task task, Consumer<ScheduleOptions> options) {
        return schedule("task", options, o -> new StartupTask(o.name(), task, o.onLeader()));
    }

    private <S extends Schedule> S schedule(String kind, Consumer<ScheduleOptions> options,
                                            Function<ScheduleOptions, S> make) {
        ScheduleOptions o = new ScheduleOptions();
        options.accept(o);
        synchronized (schedules) {
            if (o.name() == null) {
                long n = schedules.stream().filter(x -> kindOf(x).equals(kind)).count() + 1;
                o.name(kind + "-" + n);
            }
            S s = make.apply(o);
            if (s.task() == null) {
                throw new ConfigException(kind + " '" + s.name() + "' needs a task to run");
            }
            schedules.add(s);
            return s;
        }
    }

    private static String kindOf(Schedule s) {
        return switch (s) {
            case Timer t -> "timer";
            case Crontab c -> "crontab";
            case StartupTask t -> "task";
        };
    }

    /** @return the timers, crontabs and start-up tasks, in declaration order */
    public List<Schedule> schedules() {
        synchronized (schedules) {
            return List.copyOf(schedules);
        }
    }

    /** @return the timers */
    public List<Timer> timers() {
        return schedules().stream().filter(s -> s instanceof Timer).map(s -> (Timer) s).toList();
    }

    /**
     * Whether this worker is the leader: the one worker of the app holding partition 0 of the leader topic
     * {@code <id>-__assignor-__leader}. Decided again at every rebalance; moves to another worker when the
     * leader stops or dies (after the group notices, within {@code broker_session_timeout}). Always false
     * outside a worker, with {@code topic_disable_leader}, and in a worker that does not join the group (one
     * with neither agents nor {@code onLeader} work).
     *
     * @return whether this worker is the leader now
     */
    public boolean isLeader() {
        WorkerLink l = link;
        return l != null && l.isLeader();
    }

    /**
     * Runs {@code hook} when a worker starts: after its producer and before its web server, tables, agents,
     * consumer and schedules, on the thread that starts the worker. A hook that throws stops the start (the
     * worker exits with status 1). A stop asked for meanwhile interrupts it.
     *
     * @param hook what to run (open connections, check resources...)
     * @return this
     */
    public App onStartup(Task hook) {
        hooks.add(Hooks.Kind.STARTUP, hook);
        return this;
    }

    /**
     * Runs {@code hook} when a worker stops (warm, cold or after a failure, once it started): after its
     * schedules, consumer (final commit), agents and tables stopped and its web server closed, while the
     * producer still sends. On the stopping thread, bounded by the shutdown's deadline (2 s in a cold stop),
     * interrupted after it.
     *
     * @param hook what to run
     * @return this
     */
    public App onShutdown(Task hook) {
        hooks.add(Hooks.Kind.SHUTDOWN, hook);
        return this;
    }

    /**
     * Calls {@code hook} with the partitions newly assigned to this worker, at each rebalance, before any event
     * of them reaches an agent (their tables may still be recovering). Runs on a virtual thread while the
     * consumer waits for it, at most {@code shutdown_timeout}; keep it short: the consumer does not fetch
     * meanwhile.
     *
     * @param hook told the partitions
     * @return this
     */
    public App onPartitionsAssigned(Consumer<Set<TopicPartition>> hook) {
        hooks.onAssigned(hook);
        return this;
    }

    /**
     * Calls {@code hook} with partitions taken from this worker (a rebalance or its stop), after the events of
     * them that agents were processing finished and before their offsets are committed: what the hook sends is
     * flushed with that commit. Also called for partitions lost without a clean hand-over (then nothing is
     * committed). Threading as {@link #onPartitionsAssigned}.
     *
     * @param hook told the partitions
     * @return this
     */
    public App onPartitionsRevoked(Consumer<Set<TopicPartition>> hook) {
        hooks.onRevoked(hook);
        return this;
    }

    /**
     * Runs {@code hook} when a rebalance in which this worker takes part begins (the first join included),
     * before any partition is revoked or assigned in it. Threading as {@link #onPartitionsAssigned}.
     *
     * @param hook what to run
     * @return this
     */
    public App onRebalanceStart(Task hook) {
        hooks.add(Hooks.Kind.REBALANCE_START, hook);
        return this;
    }

    /**
     * Runs {@code hook} when the worker is ready again after a rebalance: the partitions placed on it held and
     * their tables recovered (after the first join too). On a virtual thread of its own, one hook at a time;
     * the worker does not wait for it.
     *
     * @param hook what to run
     * @return this
     */
    public App onRebalanceComplete(Task hook) {
        hooks.add(Hooks.Kind.REBALANCE_COMPLETE, hook);
        return this;
    }

    /**
     * A web page answering GET on every worker's web server, e.g. {@code app.page("/counts/{word}", r ->
     * counts.get(r.pathParam("word")))}. The handler's result is sent as JSON.
     *
     * @param path the path; {@code {name}} marks a path parameter
     * @param get answers GET
     * @return this
     * @throws ConfigException when the path is not valid or already taken
     */
    public App page(String path, Handler get) {
        return page(path, getOnly(get));
    }

    /**
     * A web page answering the methods its view overrides (GET, POST, PUT, DELETE).
     *
     * @param path the path; {@code {name}} marks a path parameter
     * @param view answers the methods it overrides; the others answer 405
     * @return this
     * @throws ConfigException when the path is not valid or already taken
     */
    public App page(String path, View view) {
        if (path == null || !path.startsWith("/") || path.contains("//") || path.contains(" ")) {
            throw new ConfigException("page path '" + path + "' is not valid: start it with '/', e.g. /counts/{word}");
        }
        for (String builtin : List.of("/", "/health", "/table", "/router", "/metrics", "/dashboard")) {
            if (path.equals(builtin) || (!builtin.equals("/") && path.startsWith(builtin + "/"))) {
                throw new ConfigException("page path '" + path + "' is taken by the worker's own " + builtin
                        + " page: choose another path");
            }
        }
        synchronized (pages) {
            for (PageRoute p : pages) {
                if (p.path().equals(path)) {
                    throw new ConfigException("page " + path + " is declared twice in app " + id
                            + ": give the second one another path");
                }
            }
            pages.add(new PageRoute(path, view));
        }
        return this;
    }

    /**
     * Registers a blueprint's pages under a prefix: {@code app.blueprint("/api", bp)}.
     *
     * @param prefix e.g. {@code /api} ("" for none)
     * @param blueprint the pages
     * @return this
     */
    public App blueprint(String prefix, Blueprint blueprint) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (Blueprint.Page p : blueprint.pages()) {
            page(base + (p.path().startsWith("/") ? "" : "/") + p.path(), p.view());
        }
        return this;
    }

    /**
     * A handler answered by the worker that owns the key's partition of a table, as {@code /table/<name>/<key>}
     * is: another worker forwards the request (method, path, query, body) to the owner and returns its
     * response. The key is the path parameter {@code keyParam}, else the query parameter of that name.
     *
     * @param table the table
     * @param keyParam the parameter holding the key
     * @param handler answers on the owner
     * @return the routed handler, for {@link #page}
     */
    public Handler tableRoute(Table<?, ?> table, String keyParam, Handler handler) {
        return new RoutedHandler(table, null, keyParam, handler, () -> link);
    }

    /**
     * As {@link #tableRoute}, for the worker that holds the key's partition of a topic the app's agents read.
     *
     * @param topic the topic
     * @param keyParam the parameter holding the key
     * @param handler answers on the owner
     * @return the routed handler, for {@link #page}
     */
    public Handler topicRoute(Topic<?, ?> topic, String keyParam, Handler handler) {
        return new RoutedHandler(null, topic, keyParam, handler, () -> link);
    }

    private static View getOnly(Handler get) {
        return new View() {
            @Override
            public Object get(Request request) throws Exception {
                return get.handle(request);
            }
        };
    }

    /**
     * A command of the app's own: {@code faust -A app NAME}.
     *
     * @param name its name (letters, digits, '-')
     * @param handler what it does
     * @return the command
     */
    public Command command(String name, Command.Handler handler) {
        return command(name, c -> { }, handler);
    }

    /**
     * A command of the app's own with options: {@code faust -A app NAME [--option VALUE]... [ARGUMENT]...}.
     *
     * @param name its name (letters, digits, '-')
     * @param options {@code c -> c.help("...").option("--count", "10", "how many").argument("word", null, "...")}
     * @param handler what it does
     * @return the command
     * @throws ConfigException when the name is not valid or already taken
     */
    public Command command(String name, Consumer<Command.Options> options, Command.Handler handler) {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new ConfigException("command name '" + name + "' is not valid: use lower-case letters, digits"
                    + " and '-', starting with a letter");
        }
        Command.Options o = new Command.Options();
        options.accept(o);
        Command c = new Command(name, o.helpText(), o.params(), handler);
        synchronized (commands) {
            if (commands.putIfAbsent(name, c) != null) {
                throw new ConfigException("command '" + name + "' is declared twice in app " + id);
            }
        }
        return c;
    }

    /** @return the app's own commands, in declaration order */
    public List<Command> commands() {
        synchronized (commands) {
            return List.copyOf(commands.values());
        }
    }

    /**
     * Runs the {@code faust} command line for this app, as {@code faust -A <this app> args...}; needs
     * {@code faust-cli} on the class path. Returns only for commands that end (not for {@code worker}
     * unless it stops), with the exit status.
     *
     * @param args command-line arguments, e.g. {@code worker -l info}
     * @return the exit status
     */
    public int main(String... args) {
        for (CommandLine cli : ServiceLoader.load(CommandLine.class)) {
            return cli.run(this, args);
        }
        throw new FaustException("app.main needs faust-cli on the class path: add the io.faust:faust-cli dependency");
    }

    /** The command line, found through {@link ServiceLoader}; implemented by {@code faust-cli}. */
    public interface CommandLine {
        /**
         * @param app the app to run
         * @param args the arguments
         * @return the exit status
         */
        int run(App app, String[] args);
    }

    /** Installs the sender used by {@link Topic#send} (the worker's producer, or a test's in-memory log). */
    private Supplier<Sender> useSender(Supplier<Sender> factory) {
        Sender old;
        Supplier<Sender> previous;
        synchronized (this) {
            old = sender;
            previous = senderFactory;
            sender = null;
            senderFactory = factory;
        }
        if (old != null && old.standalone()) {
            old.close();
        }
        return previous;
    }

    /**
     * Flushes and closes a producer that {@link Topic#send} opened outside a worker, and stops reading replies to
     * asks made outside a worker.
     */
    public void close() {
        useReplies(null);
        useSender(null);
    }

    private Sender sender() {
        Sender s = sender;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (sender == null) {
                Supplier<Sender> f = senderFactory;
                sender = f != null ? f.get() : Sender.standalone(settings, id);
            }
            return sender;
        }
    }
}
