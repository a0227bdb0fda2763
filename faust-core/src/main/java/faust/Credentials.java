package faust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the worker authenticates to the brokers, as Faust's {@code broker_credentials}
 * ({@code SSLCredentials}, {@code SASLCredentials}, {@code GSSAPICredentials}): TLS with a trust store and an
 * optional client certificate, SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) over plaintext or TLS, or Kerberos
 * (GSSAPI). Set in app code with {@code cfg.credentials(...)}; the {@code FAUST_BROKER_SECURITY_PROTOCOL},
 * {@code FAUST_BROKER_SASL_*} and {@code FAUST_SSL_*} environment variables override it.
 *
 * <pre>{@code
 * // Confluent Cloud, MSK with SCRAM, Aiven: SASL over TLS, the JVM's trusted CAs
 * cfg.credentials(Credentials.sasl("user", System.getenv("KAFKA_PASSWORD"), "SCRAM-SHA-512", Credentials.tls()));
 * // mutual TLS with PEM files
 * cfg.credentials(Credentials.sslPem(Path.of("ca.crt"), Path.of("client.crt"), Path.of("client.key")));
 * }</pre>
 *
 * Each value is only a set of Kafka client properties ({@link #properties()}); {@link #toString()} never shows
 * a password.
 */
public final class Credentials {
    /** SASL mechanisms that take a user name and password. */
    public static final Set<String> PASSWORD_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private final Map<String, String> properties;
    private final String description;

    private Credentials(Map<String, String> properties, String description) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.description = description;
    }

    /**
     * TLS, trusting the CAs the JVM trusts (public CAs: Confluent Cloud, Aiven, MSK), no client certificate.
     *
     * @return credentials with {@code security.protocol=SSL}
     */
    public static Credentials tls() {
        return new Credentials(Map.of("security.protocol", "SSL"), "SSL");
    }

    /**
     * TLS trusting the CAs in a trust store (PKCS12 or JKS), no client certificate.
     *
     * @param truststore the trust store file
     * @param truststorePassword its password (null when it has none)
     * @return credentials with {@code security.protocol=SSL}
     */
    public static Credentials ssl(Path truststore, String truststorePassword) {
        return ssl(truststore, truststorePassword, null, null, null);
    }

    /**
     * TLS with a trust store and a client certificate in a key store (mutual TLS).
     *
     * @param truststore the trust store file, or null for the JVM's trusted CAs
     * @param truststorePassword its password (may be null)
     * @param keystore the client's key store (PKCS12 or JKS), or null for no client certificate
     * @param keystorePassword its password (may be null)
     * @param keyPassword the key's password (null: the key store's)
     * @return credentials with {@code security.protocol=SSL}
     */
    public static Credentials ssl(Path truststore, String truststorePassword, Path keystore, String keystorePassword,
                                  String keyPassword) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SSL");
        if (truststore != null) {
            p.put("ssl.truststore.location", truststore.toString());
            p.put("ssl.truststore.type", storeType(truststore));
            putIfSet(p, "ssl.truststore.password", truststorePassword);
        }
        if (keystore != null) {
            p.put("ssl.keystore.location", keystore.toString());
            p.put("ssl.keystore.type", storeType(keystore));
            putIfSet(p, "ssl.keystore.password", keystorePassword);
            putIfSet(p, "ssl.key.password", keyPassword != null ? keyPassword : keystorePassword);
        }
        return new Credentials(p, "SSL" + (truststore != null ? " trust store " + truststore : "")
                + (keystore != null ? " key store " + keystore : ""));
    }

    /**
     * TLS from PEM files, as Faust's {@code ssl.create_default_context(cafile=...)} plus
     * {@code load_cert_chain(certfile, keyfile)}.
     *
     * @param cafile the CA certificate(s) to trust (PEM), or null for the JVM's trusted CAs
     * @param certfile the client certificate chain (PEM), or null for no client certificate
     * @param keyfile the client's private key (PEM, PKCS#8), needed with {@code certfile}
     * @return credentials with {@code security.protocol=SSL}
     * @throws ConfigException when a file cannot be read or only one of certfile and keyfile is given
     */
    public static Credentials sslPem(Path cafile, Path certfile, Path keyfile) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SSL");
        if (cafile != null) {
            readable(cafile, "the CA file");
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", cafile.toString());
        }
        if ((certfile == null) != (keyfile == null)) {
            throw new ConfigException("a client certificate needs both its certificate file and its key file"
                    + " (certfile " + certfile + ", keyfile " + keyfile + "): give both or neither");
        }
        if (certfile != null) {
            p.put("ssl.keystore.type", "PEM");
            p.put("ssl.keystore.certificate.chain", read(certfile, "the certificate file"));
            p.put("ssl.keystore.key", read(keyfile, "the key file"));
        }
        return new Credentials(p, "SSL (PEM" + (cafile != null ? " CA " + cafile : "")
                + (certfile != null ? " certificate " + certfile : "") + ")");
    }

    /**
     * SASL with a user name and password over plaintext ({@code SASL_PLAINTEXT}).
     *
     * @param username the user
     * @param password the password
     * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @return credentials
     */
    public static Credentials sasl(String username, String password, String mechanism) {
        return sasl(username, password, mechanism, null);
    }

    /**
     * SASL with a user name and password, over TLS when {@code ssl} is given ({@code SASL_SSL}).
     *
     * @param username the user
     * @param password the password
     * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param ssl the TLS part ({@link #tls()}, {@link #ssl}, {@link #sslPem}), or null for plaintext
     * @return credentials
     * @throws ConfigException when the mechanism is unknown or the user is missing
     */
    public static Credentials sasl(String username, String password, String mechanism, Credentials ssl) {
        String m = mechanism(mechanism);
        if (username == null || username.isBlank()) {
            throw new ConfigException("SASL " + m + " needs a user name: give one (FAUST_BROKER_SASL_USERNAME)");
        }
        Map<String, String> p = new LinkedHashMap<>();
        if (ssl != null) {
            p.putAll(ssl.properties);
        }
        p.put("security.protocol", ssl != null ? "SASL_SSL" : "SASL_PLAINTEXT");
        p.put("sasl.mechanism", m);
        p.put("sasl.jaas.config", jaas(m, username, password == null ? "" : password));
        return new Credentials(p, p.get("security.protocol") + " " + m + " user " + username
                + (ssl != null ? " with " + ssl.description : ""));
    }

    /**
     * Kerberos (GSSAPI). The JAAS login and {@code krb5.conf} come from the JVM's own settings
     * ({@code -Djava.security.auth.login.config=...}, {@code -Djava.security.krb5.conf=...} in
     * {@code FAUST_JAVA_OPTS}) or from {@code FAUST_KAFKA_SASL_JAAS_CONFIG}.
     *
     * @param serviceName the brokers' Kerberos service name (usually {@code kafka})
     * @param ssl the TLS part, or null for {@code SASL_PLAINTEXT}
     * @return credentials
     */
    public static Credentials gssapi(String serviceName, Credentials ssl) {
        Map<String, String> p = new LinkedHashMap<>();
        if (ssl != null) {
            p.putAll(ssl.properties);
        }
        p.put("security.protocol", ssl != null ? "SASL_SSL" : "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "GSSAPI");
        p.put("sasl.kerberos.service.name", Objects.requireNonNull(serviceName, "serviceName"));
        return new Credentials(p, p.get("security.protocol") + " GSSAPI service " + serviceName);
    }

    /**
     * Kerberos (GSSAPI) over plaintext.
     *
     * @param serviceName the brokers' Kerberos service name
     * @return credentials
     */
    public static Credentials gssapi(String serviceName) {
        return gssapi(serviceName, null);
    }

    /** @return the Kafka client properties these credentials stand for */
    public Map<String, String> properties() {
        return properties;
    }

    /** @return what they are, without passwords or keys */
    @Override
    public String toString() {
        return "Credentials[" + description + "]";
    }

    static String mechanism(String mechanism) {
        String m = mechanism == null ? "" : mechanism.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        if (!PASSWORD_MECHANISMS.contains(m)) {
            throw new ConfigException("SASL mechanism '" + mechanism + "' is not known: give PLAIN, SCRAM-SHA-256"
                    + " or SCRAM-SHA-512 (GSSAPI: Credentials.gssapi)");
        }
        return m;
    }

    static String jaas(String mechanism, String username, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quote(username) + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String storeType(Path store) {
        String name = store.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return "JKS";
        }
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return "PEM";
        }
        return "PKCS12";
    }

    private static void putIfSet(Map<String, String> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(key, value);
        }
    }

    private static void readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(what + " " + file + " cannot be read: check the path");
        }
    }

    private static String read(Path file, String what) {
        readable(file, what);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new ConfigException(what + " " + file + " cannot be read (" + e.getMessage() + "): check the path");
        }
    }
}
