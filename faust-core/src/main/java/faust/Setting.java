package faust;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting an app has: its name (as in Python Faust), its environment variable, its default and
 * how its text is parsed. Values come from app code, {@code FAUST_*} environment variables and CLI
 * flags, in that rising precedence.
 */
public enum Setting {
    /** Broker URL(s): {@code kafka://host:port}, several separated by {@code ;} or {@code ,}. */
    BROKER("broker", "FAUST_BROKER_URL", "kafka://localhost:9092", Kind.TEXT,
            "Kafka broker URL(s), kafka://host:port[;kafka://host2:port]"),
    /** App version; above 1 the consumer group and internal topics become {@code <id>-v<N>}. */
    VERSION("version", "FAUST_VERSION", "1", Kind.POSITIVE_INT, "app version (new group and appdir when bumped)"),
    /** Data directory; {@code {id}} is replaced by the app id. */
    DATADIR("datadir", "FAUST_DATADIR", "{id}-data", Kind.TEXT, "worker data directory"),
    /** Commit acked offsets at least this often. */
    BROKER_COMMIT_INTERVAL("broker_commit_interval", "FAUST_BROKER_COMMIT_INTERVAL", "2.8", Kind.DURATION,
            "seconds between offset commits (0.1 under exactly_once unless set)"),
    /** Commit after this many acks. */
    BROKER_COMMIT_EVERY("broker_commit_every", "FAUST_BROKER_COMMIT_EVERY", "10000", Kind.POSITIVE_INT,
            "commit after this many acked events"),
    /** Consumer session timeout. */
    BROKER_SESSION_TIMEOUT("broker_session_timeout", "FAUST_BROKER_SESSION_TIMEOUT", "60", Kind.DURATION,
            "seconds before the group evicts a silent worker"),
    /** Consumer heartbeat interval. */
    BROKER_HEARTBEAT_INTERVAL("broker_heartbeat_interval", "FAUST_BROKER_HEARTBEAT_INTERVAL", "3", Kind.DURATION,
            "seconds between consumer heartbeats"),
    /** Maximum records per poll. */
    BROKER_MAX_POLL_RECORDS("broker_max_poll_records", "FAUST_BROKER_MAX_POLL_RECORDS", "1000", Kind.POSITIVE_INT,
            "maximum records fetched per poll"),
    /** How long to wait for a configured broker to answer at start. */
    BROKER_CONNECT_TIMEOUT("broker_connect_timeout", "FAUST_BROKER_CONNECT_TIMEOUT", "10", Kind.DURATION,
            "seconds to wait for the broker to answer at start"),
    /** Where a partition without a committed offset starts. */
    CONSUMER_AUTO_OFFSET_RESET("consumer_auto_offset_reset", "FAUST_CONSUMER_AUTO_OFFSET_RESET", "earliest",
            Kind.choice("earliest", "latest"), "earliest or latest"),
    /** Static membership: this worker's stable member id in the group (empty: dynamic membership). */
    CONSUMER_GROUP_INSTANCE_ID("consumer_group_instance_id", "FAUST_CONSUMER_GROUP_INSTANCE_ID", "", Kind.TEXT,
            "static group membership id of this worker (e.g. the pod name); a restart within the session timeout"
                    + " moves no partitions"),
    /** Longest time between two polls before the group evicts the worker. */
    BROKER_MAX_POLL_INTERVAL("broker_max_poll_interval", "FAUST_BROKER_MAX_POLL_INTERVAL", "300", Kind.DURATION,
            "seconds the consumer may go without polling before the group evicts it"),
    /** Warn when offsets stop advancing while events are fetched. */
    BROKER_COMMIT_LIVELOCK_SOFT_TIMEOUT("broker_commit_livelock_soft_timeout",
            "FAUST_BROKER_COMMIT_LIVELOCK_SOFT_TIMEOUT", "300", Kind.DURATION,
            "warn when a partition with events waiting commits nothing for this long (0 = off)"),
    /** Producer linger. */
    PRODUCER_LINGER("producer_linger", "FAUST_PRODUCER_LINGER", "0.005", Kind.DURATION,
            "seconds the producer waits to fill a batch"),
    /** Partitions of topics the worker creates. */
    TOPIC_PARTITIONS("topic_partitions", "FAUST_TOPIC_PARTITIONS", "8", Kind.POSITIVE_INT,
            "partitions of topics the worker creates"),
    /** Don't create or subscribe the leader topic {@code <id>-__assignor-__leader}: no worker is the leader. */
    TOPIC_DISABLE_LEADER("topic_disable_leader", "FAUST_TOPIC_DISABLE_LEADER", "false", Kind.BOOL,
            "no leader topic: app.isLeader() is always false and onLeader timers, crontabs and tasks never run"),
    /** Time zone of crontabs that name none. */
    TIMEZONE("timezone", "FAUST_TIMEZONE", "UTC", Kind.ZONE, "time zone of crontabs (e.g. UTC, Europe/Paris)"),
    /** Replication factor of topics the worker creates. */
    TOPIC_REPLICATION_FACTOR("topic_replication_factor", "FAUST_TOPIC_REPLICATION_FACTOR", "1", Kind.POSITIVE_INT,
            "replication factor of topics the worker creates"),
    /** Events buffered per agent before its partitions are paused. */
    STREAM_BUFFER_MAXSIZE("stream_buffer_maxsize", "FAUST_STREAM_BUFFER_MAXSIZE", "4096", Kind.POSITIVE_INT,
            "events buffered per agent before fetching pauses"),
    /** What happens to an event an agent failed on, or that cannot be decoded. */
    ERROR_POLICY("error_policy", "FAUST_ERROR_POLICY", "dead_letter", Kind.choice("dead_letter", "skip", "stop"),
            "on agent error or undecodable message: dead_letter, skip (log) or stop the worker"),
    /** Processing guarantee. */
    PROCESSING_GUARANTEE("processing_guarantee", "FAUST_PROCESSING_GUARANTEE", "at_least_once",
            Kind.choice("at_least_once", "exactly_once"),
            "at_least_once, or exactly_once (Kafka transactions: outputs, table changes and input offsets together)"),
    /** Key codec. */
    KEY_SERIALIZER("key_serializer", "FAUST_KEY_SERIALIZER", "raw", Kind.CODEC,
            "default key codec of topics: raw, string, json, binary, a chain like json|binary, or a registered one"),
    /** Value codec. */
    VALUE_SERIALIZER("value_serializer", "FAUST_VALUE_SERIALIZER", "json", Kind.CODEC,
            "default value codec of topics: raw, string, json, binary, a chain like json|binary, or a registered one"),
    /** Default store of tables. */
    STORE("store", "FAUST_STORE", "rocksdb://", Kind.choice("rocksdb://", "memory://"),
            "table store: rocksdb:// or memory://"),
    /** Standby replicas of each table partition on other workers. */
    TABLE_STANDBY_REPLICAS("table_standby_replicas", "FAUST_TABLE_STANDBY_REPLICAS", "1", Kind.NON_NEGATIVE_INT,
            "standby copies of each table partition kept by other workers"),
    /** How often windows past their {@code expires} are removed from windowed tables. */
    TABLE_CLEANUP_INTERVAL("table_cleanup_interval", "FAUST_TABLE_CLEANUP_INTERVAL", "30", Kind.DURATION,
            "how often windows past their expires are removed from windowed tables"),
    /** Web server on or off. */
    WEB_ENABLED("web_enabled", "FAUST_WEB_ENABLED", "true", Kind.BOOL, "run the web server"),
    /** Web server port; 0 picks a free one. */
    WEB_PORT("web_port", "FAUST_WEB_PORT", "6066", Kind.PORT, "web server port (0 = any free port)"),
    /** Web server bind address. */
    WEB_BIND("web_bind", "FAUST_WEB_BIND", "127.0.0.1", Kind.TEXT, "web server bind address"),
    /** Host name other workers use to reach this one. */
    WEB_HOST("web_host", "FAUST_WEB_HOST", "", Kind.TEXT, "host name advertised to other workers"),
    /** Bound on a warm shutdown. */
    SHUTDOWN_TIMEOUT("shutdown_timeout", "FAUST_SHUTDOWN_TIMEOUT", "60", Kind.DURATION,
            "seconds a warm shutdown may take before the worker gives up"),
    /** Warn about events that take longer than this; 0 = off. */
    BLOCKING_TIMEOUT("blocking_timeout", "FAUST_BLOCKING_TIMEOUT", "0", Kind.DURATION,
            "warn when one event takes longer (seconds, 0 = off)"),
    /** The topic replies to this process's {@code ask} calls go to; empty: {@code f-reply-<uuid4>}, new per app. */
    REPLY_TO("reply_to", "FAUST_REPLY_TO", "", Kind.TEXT,
            "topic of the replies to this process's asks (empty: f-reply-<uuid4>)"),
    /** Retention of the reply topic (created with 1 partition and cleanup.policy=delete). */
    REPLY_EXPIRES("reply_expires", "FAUST_REPLY_EXPIRES", "86400", Kind.DURATION,
            "seconds replies are kept in the reply topic (its retention)"),
    /** How long {@code agent.ask} waits for the reply (Java only: Python Faust waits forever). */
    ASK_TIMEOUT("ask_timeout", "FAUST_ASK_TIMEOUT", "30", Kind.DURATION,
            "seconds agent.ask waits for a reply before it fails"),
    /** Sensors on or off: {@code GET /metrics}, the dashboard's figures, the {@code monitor} exporters. */
    METRICS_ENABLED("metrics_enabled", "FAUST_METRICS_ENABLED", "true", Kind.BOOL,
            "measure the worker: /metrics, the dashboard's figures, monitor exporters"),
    /** Where metrics go besides {@code GET /metrics}: statsd or Datadog agents. */
    MONITOR("monitor", "FAUST_MONITOR", "", Kind.MONITOR,
            "also send metrics to statsd://host:port, datadog://host:port or telegraf://host:port (comma-separated)");

    private final String key;
    private final String env;
    private final String defaultValue;
    private final Kind kind;
    private final String help;

    Setting(String key, String env, String defaultValue, Kind kind, String help) {
        this.key = key;
        this.env = env;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.help = help;
    }

    /** @return the setting's name, e.g. {@code broker_commit_interval} */
    public String key() {
        return key;
    }

    /** @return the environment variable, e.g. {@code FAUST_BROKER_URL} */
    public String env() {
        return env;
    }

    /** @return the default, as text */
    public String defaultValue() {
        return defaultValue;
    }

    /** @return one line of help */
    public String help() {
        return help;
    }

    /**
     * @param key a setting name (dashes and case are ignored)
     * @return the setting
     * @throws ConfigException when no setting has that name
     */
    public static Setting byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Setting s : values()) {
            if (s.key.equals(k)) {
                return s;
            }
        }
        throw new ConfigException("unknown setting '" + key + "': known settings are "
                + Arrays.stream(values()).map(Setting::key).collect(Collectors.joining(", ")));
    }

    /**
     * Checks and normalises a value given as text.
     *
     * @param value the text
     * @param source where it came from, for the error message (e.g. "--web-port", "FAUST_WEB_PORT")
     * @return the parsed value: String, Integer, Boolean or Duration
     * @throws ConfigException naming the source when the text is not valid
     */
    public Object parse(String value, String source) {
        return kind.parse(this, value == null ? "" : value.trim(), source);
    }

    /** How a setting's text is parsed. */
    record Kind(String what, Function<String, Object> parser, List<String> choices) {
        static final Kind TEXT = new Kind("text", s -> s, List.of());
        static final Kind POSITIVE_INT = new Kind("a whole number of at least 1", s -> {
            int n = Integer.parseInt(s);
            if (n < 1) {
                throw new IllegalArgumentException();
            }
            return n;
        }, List.of());
        static final Kind NON_NEGATIVE_INT = new Kind("a whole number of at least 0", s -> {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new IllegalArgumentException();
            }
            return n;
        }, List.of());
        static final Kind PORT = new Kind("a port number from 0 to 65535", s -> {
            int n = Integer.parseInt(s);
            if (n < 0 || n > 65535) {
                throw new IllegalArgumentException();
            }
            return n;
        }, List.of());
        static final Kind BOOL = new Kind("true or false", s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> Boolean.TRUE;
            case "false", "no", "0", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        }, List.of());
        static final Kind CODEC = new Kind("a codec name (raw, string, json, binary, or one registered with"
                + " app.codecs()) or a chain like json|binary", s -> {
                    String v = s.toLowerCase(Locale.ROOT).replace(" ", "");
                    if (!v.matches("[a-z0-9_-]+(\\|[a-z0-9_-]+)*")) {
                        throw new IllegalArgumentException();
                    }
                    return v;
                }, List.of());
        static final Kind ZONE = new Kind("a time zone id such as UTC or Europe/Paris", s -> {
            java.time.ZoneId.of(s);
            return s;
        }, List.of());
        static final Kind DURATION = new Kind("a number of seconds (e.g. 2.5) or a duration like 500ms, 10s, 2m",
                Kind::parseDuration, List.of());

        static final Kind MONITOR = new Kind("statsd://HOST:PORT, datadog://HOST:PORT or telegraf://HOST:PORT,"
                + " comma-separated, or nothing", s -> {
                    for (String part : s.split(",")) {
                        String p = part.trim();
                        if (!p.isEmpty() && !p.matches("(?i)(statsd|datadog|dogstatsd|telegraf)://[^/:\\s]+(:\\d{1,5})?/?")) {
                            throw new IllegalArgumentException();
                        }
                    }
                    return s;
                }, List.of());

        static Kind choice(String... values) {
            List<String> list = List.of(values);
            return new Kind("one of " + String.join(", ", list), s -> {
                String v = s.toLowerCase(Locale.ROOT).replace('-', '_');
                if (!list.contains(v)) {
                    throw new IllegalArgumentException();
                }
                return v;
            }, list);
        }

        Object parse(Setting setting, String text, String source) {
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw new ConfigException(source + " " + setting.key + "='" + text + "' is not valid: give "
                        + what);
            }
        }

        static Duration parseDuration(String s) {
            String t = s.toLowerCase(Locale.ROOT);
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            } else if (t.endsWith("s")) {
                d = seconds(t.substring(0, t.length() - 1));
            } else if (t.endsWith("m")) {
                d = seconds(t.substring(0, t.length() - 1)).multipliedBy(60);
            } else if (t.endsWith("h")) {
                d = seconds(t.substring(0, t.length() - 1)).multipliedBy(3600);
            } else {
                d = seconds(t);
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        }

        private static Duration seconds(String s) {
            double v = Double.parseDouble(s.trim());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException();
            }
            return Duration.ofNanos(Math.round(v * 1e9));
        }
    }

    /** @return a map from every setting to its default, as text */
    static Map<Setting, String> defaults() {
        Map<Setting, String> m = new java.util.EnumMap<>(Setting.class);
        for (Setting s : values()) {
            m.put(s, s.defaultValue);
        }
        return m;
    }
}
