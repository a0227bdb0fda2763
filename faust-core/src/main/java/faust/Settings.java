package faust;

import faust.internal.ClientProperties;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An app's settings after every source was applied: defaults, app code, {@code FAUST_*} environment
 * variables and CLI flags (later ones win). Immutable.
 */
public final class Settings {
    private final Map<Setting, Object> values;
    private final Map<Setting, String> sources;
    private final ClientProperties client;

    private Settings(Map<Setting, Object> values, Map<Setting, String> sources, ClientProperties client) {
        this.values = Collections.unmodifiableMap(values);
        this.sources = Collections.unmodifiableMap(sources);
        this.client = client;
    }

    /**
     * Resolves settings from their sources.
     *
     * @param code values set in app code
     * @param env the environment (only {@code FAUST_*} names are read)
     * @param cli values given as CLI flags, with the flag used, e.g. {@code --web-port}, as source
     * @return the resolved settings
     * @throws ConfigException naming the first bad value and where it came from
     */
    public static Settings resolve(Map<Setting, String> code, Map<String, String> env, Map<Setting, Flag> cli) {
        return resolve(code, null, Map.of(), env, cli);
    }

    /**
     * Resolves settings and the Kafka client properties (credentials, {@code kafka_config}, the
     * {@code FAUST_KAFKA_*} variables and {@code FAUST_KAFKA_CONFIG_FILE}). A {@code bootstrap.servers} among
     * the client properties is the broker when {@code broker} is set nowhere else.
     */
    static Settings resolve(Map<Setting, String> code, Credentials credentials, Map<String, String> kafkaConfig,
                            Map<String, String> env, Map<Setting, Flag> cli) {
        ClientProperties client = ClientProperties.resolve(credentials, kafkaConfig, env);
        String servers = client.values().get("bootstrap.servers");
        if (servers != null) {
            Map<String, String> rest = new java.util.LinkedHashMap<>(client.values());
            Map<String, String> restSources = new java.util.LinkedHashMap<>(client.sources());
            rest.remove("bootstrap.servers");
            String from = restSources.remove("bootstrap.servers");
            client = new ClientProperties(rest, restSources);
            boolean brokerSet = code.containsKey(Setting.BROKER) || env.get(Setting.BROKER.env()) != null
                    || cli.containsKey(Setting.BROKER);
            if (!brokerSet) {
                Map<Setting, Flag> withBroker = new java.util.HashMap<>(cli);
                withBroker.put(Setting.BROKER, new Flag(from, servers));
                cli = withBroker;
            }
        }
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        Map<Setting, String> sources = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String text = s.defaultValue();
            String source = "default";
            if (code.containsKey(s)) {
                text = code.get(s);
                source = "app code";
            }
            if (env.get(s.env()) != null) {
                text = env.get(s.env());
                source = s.env();
            }
            if (cli.containsKey(s)) {
                Flag f = cli.get(s);
                text = f.value();
                source = f.flag();
            }
            values.put(s, s.parse(text, source));
            sources.put(s, source);
        }
        return new Settings(values, sources, client);
    }

    /** @return settings with only defaults and app code applied (no environment, no flags) */
    static Settings ofCode(Map<Setting, String> code, Credentials credentials, Map<String, String> kafkaConfig) {
        return resolve(code, credentials, kafkaConfig, Map.of(), Map.of());
    }

    /**
     * A value given on the command line and the flag that gave it.
     *
     * @param flag the flag, e.g. {@code --web-port}
     * @param value the text given
     */
    public record Flag(String flag, String value) {
        /** Checks that both parts are present. */
        public Flag {
            Objects.requireNonNull(flag, "flag");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param s a setting
     * @return where its value came from: "default", "app code", the env variable or the CLI flag
     */
    public String sourceOf(Setting s) {
        return sources.get(s);
    }

    /**
     * @param s a setting
     * @return whether it was set anywhere (not left at its default)
     */
    public boolean isConfigured(Setting s) {
        return !"default".equals(sources.get(s));
    }

    /**
     * Kafka client properties added to the worker's own: credentials and pass-through properties, keys with a
     * {@code producer.}, {@code consumer.} or {@code admin.} prefix for one kind of client only.
     *
     * @return the properties, by key
     */
    public Map<String, String> kafkaConfig() {
        return client.values();
    }

    /**
     * @param key a key of {@link #kafkaConfig()}
     * @return where it came from (app code, an environment variable, the config file), or null
     */
    public String kafkaConfigSource(String key) {
        return client.sources().get(key);
    }

    /** @return whether the clients use TLS or SASL ({@code security.protocol} other than PLAINTEXT) */
    public boolean secured() {
        return !client.securityProtocol().equals("PLAINTEXT");
    }

    /** @param s a setting @return its value as text */
    public String text(Setting s) {
        return String.valueOf(values.get(s));
    }

    /** @param s an integer setting @return its value */
    public int integer(Setting s) {
        return (Integer) values.get(s);
    }

    /** @param s a boolean setting @return its value */
    public boolean bool(Setting s) {
        return (Boolean) values.get(s);
    }

    /** @param s a duration setting @return its value */
    public Duration duration(Setting s) {
        return (Duration) values.get(s);
    }

    /** @return the time zone of crontabs that name none (setting {@code timezone}) */
    public java.time.ZoneId timezone() {
        return java.time.ZoneId.of(text(Setting.TIMEZONE));
    }

    /** @return the broker URLs as {@code host:port,host:port} for Kafka clients */
    public String bootstrapServers() {
        String raw = text(Setting.BROKER);
        StringBuilder out = new StringBuilder();
        for (String part : raw.split("[;,]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int scheme = p.indexOf("://");
            if (scheme >= 0) {
                String name = p.substring(0, scheme);
                if (!name.equals("kafka") && !name.equals("aiokafka")) {
                    throw new ConfigException("broker URL '" + p + "' has scheme " + name
                            + ": use kafka://host:port (" + sourceOf(Setting.BROKER) + ")");
                }
                p = p.substring(scheme + 3);
            }
            if (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.contains(":")) {
                p = p + ":9092";
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(p);
        }
        if (out.isEmpty()) {
            throw new ConfigException("broker is empty (" + sourceOf(Setting.BROKER)
                    + "): give kafka://host:port");
        }
        return out.toString();
    }
}
