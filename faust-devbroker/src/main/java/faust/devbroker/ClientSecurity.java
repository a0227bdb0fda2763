package faust.devbroker;

import faust.devbroker.internal.SecurityFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What a Kafka client needs to connect to the {@link SecureListeners secured listeners} of a dev broker:
 * their addresses, the user and password, and the files in {@link #dir()}. The {@code ...Properties} methods
 * give complete {@code kafka-clients} configurations; the broker also writes them as
 * {@code client-sasl-ssl.properties}, {@code client-ssl.properties} and {@code client-sasl-plaintext.properties}
 * in {@link #dir()}, for {@code kafka-console-producer --command-config} and the like.
 *
 * @param host the host the listeners are advertised as
 * @param saslSslPort the SASL_SSL port, or {@link SecureListeners#OFF}
 * @param sslPort the SSL (mutual TLS) port, or {@link SecureListeners#OFF}
 * @param saslPlaintextPort the SASL_PLAINTEXT port, or {@link SecureListeners#OFF}
 * @param username the user for SCRAM and PLAIN
 * @param password the user's password
 * @param storePassword the password of the trust store and the client key store (and its key)
 * @param dir the directory with the certificates and stores
 */
public record ClientSecurity(String host, int saslSslPort, int sslPort, int saslPlaintextPort, String username,
                             String password, String storePassword, Path dir) {
    /** The SASL mechanisms the dev broker accepts. */
    public static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN");

    /** Checks that nothing is missing. */
    public ClientSecurity {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(storePassword, "storePassword");
        Objects.requireNonNull(dir, "dir");
    }

    /**
     * Reads what a running dev broker wrote into {@code dir}.
     *
     * @param dir a security directory of a dev broker
     * @return what clients need, or empty when no broker with secured listeners runs with this directory
     *     (one that was killed leaves its ports behind: check that it answers)
     */
    public static Optional<ClientSecurity> read(Path dir) {
        Properties p = SecurityFiles.read(dir.resolve(SecurityFiles.PROPERTIES));
        p.putAll(SecurityFiles.read(dir.resolve(SecurityFiles.LISTENERS)));
        String host = p.getProperty("host");
        String password = p.getProperty("password");
        String storePassword = p.getProperty("store.password");
        if (host == null || password == null || storePassword == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClientSecurity(host, port(p, "sasl_ssl.port"), port(p, "ssl.port"),
                    port(p, "sasl_plaintext.port"), p.getProperty("username", SecurityFiles.USERNAME), password,
                    storePassword, dir.toAbsolutePath().normalize()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int port(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, Integer.toString(SecureListeners.OFF)));
    }

    /**
     * The SASL_SSL listener's address.
     *
     * @return {@code host:port}
     * @throws IllegalStateException when the broker has no SASL_SSL listener
     */
    public String saslSslBootstrapServers() {
        return address("SASL_SSL", saslSslPort);
    }

    /**
     * The SSL (mutual TLS) listener's address.
     *
     * @return {@code host:port}
     * @throws IllegalStateException when the broker has no SSL listener
     */
    public String sslBootstrapServers() {
        return address("SSL", sslPort);
    }

    /**
     * The SASL_PLAINTEXT listener's address.
     *
     * @return {@code host:port}
     * @throws IllegalStateException when the broker has no SASL_PLAINTEXT listener
     */
    public String saslPlaintextBootstrapServers() {
        return address("SASL_PLAINTEXT", saslPlaintextPort);
    }

    private String address(String listener, int port) {
        if (port == SecureListeners.OFF) {
            throw new IllegalStateException("this dev broker has no " + listener + " listener");
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The CA certificate (PEM), for clients that are not Java ({@code ssl.truststore.type=PEM} works too).
     *
     * @return {@code dir/ca.crt}
     */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /**
     * The trust store with the CA certificate (PKCS12, password {@link #storePassword()}).
     *
     * @return {@code dir/truststore.p12}
     */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /**
     * The client's key and certificate for the SSL listener (PKCS12, password {@link #storePassword()}).
     *
     * @return {@code dir/client.p12}
     */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    /**
     * Kafka client settings for the SASL_SSL listener.
     *
     * @param mechanism {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512} or {@code PLAIN}
     * @return a new modifiable map with {@code bootstrap.servers}, {@code security.protocol},
     *     {@code sasl.mechanism}, {@code sasl.jaas.config} and the trust store settings
     */
    public Map<String, Object> saslSslProperties(String mechanism) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", saslSslBootstrapServers());
        p.put("security.protocol", "SASL_SSL");
        p.putAll(sasl(mechanism));
        p.putAll(trust());
        return p;
    }

    /**
     * Kafka client settings for the SSL listener: TLS with the client certificate.
     *
     * @return a new modifiable map with {@code bootstrap.servers}, {@code security.protocol}, the trust store
     *     and the key store settings
     */
    public Map<String, Object> sslProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", sslBootstrapServers());
        p.put("security.protocol", "SSL");
        p.putAll(trust());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", clientKeystore().toString());
        p.put("ssl.keystore.password", storePassword);
        p.put("ssl.key.password", storePassword);
        return p;
    }

    /**
     * Kafka client settings for the SASL_PLAINTEXT listener.
     *
     * @param mechanism {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512} or {@code PLAIN}
     * @return a new modifiable map with {@code bootstrap.servers}, {@code security.protocol},
     *     {@code sasl.mechanism} and {@code sasl.jaas.config}
     */
    public Map<String, Object> saslPlaintextProperties(String mechanism) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", saslPlaintextBootstrapServers());
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.putAll(sasl(mechanism));
        return p;
    }

    private Map<String, Object> sasl(String mechanism) {
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("unknown SASL mechanism " + mechanism + ": the dev broker accepts "
                    + String.join(", ", MECHANISMS));
        }
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", module + " required username=\"" + jaasQuote(username) + "\" password=\""
                + jaasQuote(password) + "\";");
        return p;
    }

    private Map<String, Object> trust() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore().toString());
        p.put("ssl.truststore.password", storePassword);
        return p;
    }

    static String jaasQuote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * A copy with another password, for example to check that a wrong one is refused.
     *
     * @param password the password
     * @return the copy
     */
    public ClientSecurity withPassword(String password) {
        return new ClientSecurity(host, saslSslPort, sslPort, saslPlaintextPort, username, password,
                storePassword, dir);
    }

    /**
     * Lines for humans: the listeners, the user and password, and the files.
     *
     * @return the lines, without line breaks
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        String mechanisms = " (SASL " + String.join(", ", MECHANISMS) + ")";
        if (saslSslPort != SecureListeners.OFF) {
            lines.add("SASL_SSL       on " + saslSslBootstrapServers() + mechanisms);
        }
        if (sslPort != SecureListeners.OFF) {
            lines.add("SSL            on " + sslBootstrapServers() + " (TLS with a client certificate)");
        }
        if (saslPlaintextPort != SecureListeners.OFF) {
            lines.add("SASL_PLAINTEXT on " + saslPlaintextBootstrapServers() + mechanisms);
        }
        lines.add("user " + username + ", password " + password);
        lines.add("CA certificate " + caCertificate() + "; trust store " + truststore() + " and client key store "
                + clientKeystore() + " (PKCS12, password " + storePassword + ")");
        lines.add("Kafka client settings: " + dir.resolve("client-*.properties"));
        return lines;
    }

    /**
     * Describes the listeners without the passwords.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "ClientSecurity[host=" + host + ", saslSslPort=" + saslSslPort + ", sslPort=" + sslPort
                + ", saslPlaintextPort=" + saslPlaintextPort + ", username=" + username + ", dir=" + dir + "]";
    }
}
