package faust;

import faust.codecs.Codec;
import faust.codecs.CodecException;
import faust.codecs.Codecs;
import faust.codecs.RecordSchema;
import faust.codecs.Records;
import faust.internal.AgentImpl;
import faust.internal.AppAccess;
import faust.internal.Sender;
import faust.internal.TableImpl;
import faust.internal.TopicImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
        });
    }

    private final String id;
    private final Map<Setting, String> code;
    private final Credentials credentials;
    private final Map<String, String> kafkaConfig;
    private final Map<String, Topic<?, ?>> topics = new LinkedHashMap<>();
    private final List<Agent<?, ?>> agents = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();
    private final List<Table<?, ?>> tables = new ArrayList<>();
    private final Set<Class<?>> types = new LinkedHashSet<>();
    private volatile Settings settings;
    private volatile Sender sender;
    private volatile Supplier<Sender> senderFactory;
    private final AtomicReference<Object> exclusiveUse = new AtomicReference<>();

    private App(String id, Config cfg) {
        this.id = id;
        this.code = cfg.values;
        this.credentials = cfg.credentials;
        this.kafkaConfig = Map.copyOf(cfg.kafkaConfig);
        this.settings = Settings.ofCode(code, credentials, kafkaConfig);
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
        this.settings = Settings.resolve(code, credentials, kafkaConfig, env, cli);
        return settings;
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
     */
    public <K, V> Topic<K, V> topic(String name, Class<K> keyType, Class<V> valueType,
                                    Consumer<TopicOptions> options) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new ConfigException("topic name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
        TopicOptions opts = new TopicOptions();
        options.accept(opts);
        Codec keyCodec = opts.keyCodec() != null ? opts.keyCodec()
                : Codecs.byName(settings.text(Setting.KEY_SERIALIZER));
        Codec valueCodec = opts.valueCodec() != null ? opts.valueCodec()
                : Codecs.byName(settings.text(Setting.VALUE_SERIALIZER));
        TopicImpl<K, V> topic = new TopicImpl<>(this::sender, name, keyType, valueType, keyCodec, valueCodec,
                opts.partitions(), opts.replicas(), opts.config(), opts.internal());
        synchronized (topics) {
            topics.putIfAbsent(name, topic);
        }
        recordTypes(keyType, valueType);
        return topic;
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
        checkAgentName(name);
        Topic<byte[], V> topic = topic(id + "-" + name, byte[].class, valueType, t -> t.internal(true));
        return register(name, topic, fn, options);
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
        return register(topic.name(), topic, fn, options);
    }

    private void checkAgentName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("agent name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
    }

    private <K, V> Agent<K, V> register(String name, Topic<K, V> topic, AgentFunction<K, V> fn,
                                        Consumer<AgentOptions> options) {
        AgentOptions opts = new AgentOptions();
        options.accept(opts);
        synchronized (agents) {
            for (Agent<?, ?> a : agents) {
                if (a.name().equals(name)) {
                    throw new ConfigException("agent '" + name + "' is declared twice in app " + id
                            + ": give the second one another name");
                }
            }
            AgentImpl<K, V> agent = new AgentImpl<>(this, name, topic, fn, opts.concurrency());
            agents.add(agent);
            return agent;
        }
    }

    /**
     * A partitioned table kept in this app's workers and replicated through {@code <id>-<name>-changelog}.
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
                                    Consumer<TableOptions<V>> options) {
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
                                          Consumer<TableOptions<V>> options) {
        return declareTable(name, keyType, valueType, options, true);
    }

    private <K, V> Table<K, V> declareTable(String name, Class<K> keyType, Class<V> valueType,
                                            Consumer<TableOptions<V>> options, boolean global) {
        checkAgentName(name);
        TableOptions<V> opts = new TableOptions<>();
        options.accept(opts);
        Codec keyCodec = opts.keyCodec() != null ? opts.keyCodec()
                : keyType == String.class ? Codecs.STRING : Codecs.byName(settings.text(Setting.KEY_SERIALIZER));
        Codec valueCodec = opts.valueCodec() != null ? opts.valueCodec()
                : Codecs.byName(settings.text(Setting.VALUE_SERIALIZER));
        synchronized (tables) {
            for (Table<?, ?> t : tables) {
                if (t.name().equals(name)) {
                    throw new ConfigException("table '" + name + "' is declared twice in app " + id
                            + ": give the second one another name");
                }
            }
            TableImpl<K, V> t = new TableImpl<>(name, id + "-" + name + "-changelog", keyType, valueType, keyCodec,
                    valueCodec, opts.defaultValue(), opts.partitions(), opts.store(), opts.help(), global);
            tables.add(t);
            recordTypes(keyType, valueType);
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
        recordTypes(records);
        return this;
    }

    /** @return the records the app's topics and tables use (nested ones included) and those registered */
    public List<RecordSchema> records() {
        synchronized (types) {
            return Records.used(types);
        }
    }

    private void recordTypes(Class<?>... used) {
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

    /**
     * Runs {@code task} every {@code interval} while a worker runs.
     *
     * @param interval time between runs
     * @param task what to run
     * @return the timer
     */
    public Timer timer(Duration interval, Runnable task) {
        return timer("timer-" + (timers.size() + 1), interval, task);
    }

    /**
     * @param name the timer's name, for logs
     * @param interval time between runs
     * @param task what to run
     * @return the timer
     */
    public Timer timer(String name, Duration interval, Runnable task) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new ConfigException("timer '" + name + "' needs a positive interval, not " + interval);
        }
        Timer t = new Timer(name, interval, task);
        synchronized (timers) {
            timers.add(t);
        }
        return t;
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

    /** @return the timers */
    public List<Timer> timers() {
        synchronized (timers) {
            return List.copyOf(timers);
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
     * Flushes and closes a producer that {@link Topic#send} opened outside a worker.
     */
    public void close() {
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
