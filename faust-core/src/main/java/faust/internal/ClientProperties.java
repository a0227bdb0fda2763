package faust.internal;

import faust.ConfigException;
import faust.Credentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties an app adds to the worker's own: {@code broker_credentials} (app code or the
 * {@code FAUST_BROKER_SECURITY_PROTOCOL}, {@code FAUST_BROKER_SASL_*}, {@code FAUST_SSL_*} variables) and
 * arbitrary client properties (app code's {@code kafka_config}, the file {@code FAUST_KAFKA_CONFIG_FILE},
 * {@code FAUST_KAFKA_<KEY>} variables), in that rising precedence. A key may carry a {@code producer.},
 * {@code consumer.} or {@code admin.} prefix to reach one kind of client only. Keys the worker's guarantees
 * depend on are refused.
 *
 * @param values the properties, by key (prefixes kept)
 * @param sources where each came from, for messages
 */
public record ClientProperties(Map<String, String> values, Map<String, String> sources) {
    /** Prefixes that address one kind of client. */
    public static final List<String> PREFIXES = List.of("producer.", "consumer.", "admin.");

    /** Keys the worker sets itself because its guarantees depend on them, with what to use instead. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("group.id", "the app id names the group (bump version for a new one)"),
            Map.entry("group.instance.id", "use consumer_group_instance_id"),
            Map.entry("group.protocol", "the worker uses its own assignor"),
            Map.entry("partition.assignment.strategy", "the worker uses its own assignor"),
            Map.entry("enable.auto.commit", "the worker commits only what its agents finished"),
            Map.entry("enable.idempotence", "at-least-once and exactly-once depend on it"),
            Map.entry("acks", "outputs must be acknowledged by all in-sync replicas before their inputs commit"),
            Map.entry("isolation.level", "set by processing_guarantee"),
            Map.entry("transactional.id", "set by processing_guarantee"),
            Map.entry("key.serializer", "use the topic's key codec"),
            Map.entry("value.serializer", "use the topic's value codec"),
            Map.entry("key.deserializer", "use the topic's key codec"),
            Map.entry("value.deserializer", "use the topic's value codec"));

    /** No properties. */
    public static final ClientProperties NONE = new ClientProperties(Map.of(), Map.of());

    /** Makes the maps unmodifiable. */
    public ClientProperties {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /**
     * @param credentials {@code broker_credentials} from app code, or null
     * @param kafkaConfig {@code kafka_config} from app code
     * @param env the environment
     * @return the merged properties
     * @throws ConfigException naming a refused key, a bad variable or an unreadable file, and its source
     */
    public static ClientProperties resolve(Credentials credentials, Map<String, String> kafkaConfig,
                                           Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Credentials fromEnv = EnvCredentials.read(env);
        if (fromEnv != null) {
            put(values, sources, fromEnv.properties(), "FAUST_BROKER_*/FAUST_SSL_* environment");
        } else if (credentials != null) {
            put(values, sources, credentials.properties(), "broker_credentials in app code");
        }
        put(values, sources, kafkaConfig, "kafka_config in app code");
        String file = env.get("FAUST_KAFKA_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            put(values, sources, readFile(Path.of(file.trim())), "FAUST_KAFKA_CONFIG_FILE " + file.trim());
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (name.startsWith("FAUST_KAFKA_") && !name.equals("FAUST_KAFKA_CONFIG_FILE") && e.getValue() != null) {
                String key = name.substring("FAUST_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                put(values, sources, Map.of(key, e.getValue()), name);
            }
        }
        return new ClientProperties(values, sources);
    }

    private static void put(Map<String, String> values, Map<String, String> sources, Map<String, String> more,
                            String source) {
        for (Map.Entry<String, String> e : more.entrySet()) {
            String key = e.getKey().trim();
            String bare = unprefixed(key);
            if (bare.isEmpty()) {
                throw new ConfigException("Kafka client property '" + key + "' (" + source + ") has no name after"
                        + " its prefix: give e.g. producer.compression.type");
            }
            String why = REFUSED.get(bare);
            if (why != null) {
                throw new ConfigException("Kafka client property " + key + " (" + source + ") cannot be set: " + why
                        + "; remove it");
            }
            values.put(key, e.getValue() == null ? "" : e.getValue().trim());
            sources.put(key, source);
        }
    }

    /**
     * @param key a property key, maybe prefixed
     * @return the key without its {@code producer.}/{@code consumer.}/{@code admin.} prefix
     */
    public static String unprefixed(String key) {
        for (String p : PREFIXES) {
            if (key.startsWith(p)) {
                return key.substring(p.length());
            }
        }
        return key;
    }

    /**
     * The properties one kind of client gets: those without a prefix, then those with its prefix (which win).
     *
     * @param kind {@code producer}, {@code consumer} or {@code admin}
     * @return the properties, prefixes removed
     */
    public Map<String, String> forClient(String kind) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = kind + ".";
        values.forEach((k, v) -> {
            if (PREFIXES.stream().noneMatch(k::startsWith)) {
                out.put(k, v);
            }
        });
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** @return the security protocol the clients use ({@code PLAINTEXT} unless set) */
    public String securityProtocol() {
        return values.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("FAUST_KAFKA_CONFIG_FILE " + file + " cannot be read (" + e.getMessage()
                    + "): give a Kafka client properties file");
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
