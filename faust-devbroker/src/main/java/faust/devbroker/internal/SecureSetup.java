package faust.devbroker.internal;

import faust.devbroker.ClientSecurity;
import faust.devbroker.SecureListeners;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sets up the secured listeners of a dev broker: before the start, the certificates and the broker
 * properties (TLS key store, SASL mechanisms, the PLAIN user); after it, the SCRAM credentials (through the
 * Admin API on the plaintext listener, as they live in the cluster metadata), a check that a client can log
 * in, and the files that tell clients how to connect.
 */
public final class SecureSetup {
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final int SCRAM_ITERATIONS = 8192;

    private final SecureListeners options;
    private final String host;
    private final Path dir;
    private final SecurityFiles.Secrets secrets;

    private SecureSetup(SecureListeners options, String host, Path dir, SecurityFiles.Secrets secrets) {
        this.options = options;
        this.host = host;
        this.dir = dir;
        this.secrets = secrets;
    }

    /**
     * Makes or reuses the certificates and password in {@code dir}.
     *
     * @throws IllegalStateException when the directory cannot be written
     */
    public static SecureSetup prepare(SecureListeners options, String host, Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        return new SecureSetup(options, host, absolute, SecurityFiles.prepare(absolute, host));
    }

    /** The listeners to open, with the ports asked for (0 = a free one). */
    public List<KRaftNode.Listener> listeners() {
        List<KRaftNode.Listener> listeners = new ArrayList<>();
        if (options.saslSslPort() != SecureListeners.OFF) {
            listeners.add(new KRaftNode.Listener("SASL_SSL", options.saslSslPort()));
        }
        if (options.sslPort() != SecureListeners.OFF) {
            listeners.add(new KRaftNode.Listener("SSL", options.sslPort()));
        }
        if (options.saslPlaintextPort() != SecureListeners.OFF) {
            listeners.add(new KRaftNode.Listener("SASL_PLAINTEXT", options.saslPlaintextPort()));
        }
        return listeners;
    }

    /** The broker properties for those listeners. */
    public Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sasl.enabled.mechanisms", String.join(",", ClientSecurity.MECHANISMS));
        for (KRaftNode.Listener listener : listeners()) {
            if (!listener.name().startsWith("SASL_")) {
                continue;
            }
            String prefix = "listener.name." + listener.name().toLowerCase(Locale.ROOT) + ".";
            p.put(prefix + "scram-sha-256.sasl.jaas.config", SCRAM_MODULE + " required;");
            p.put(prefix + "scram-sha-512.sasl.jaas.config", SCRAM_MODULE + " required;");
            p.put(prefix + "plain.sasl.jaas.config", PLAIN_MODULE + " required user_" + secrets.username()
                    + "=\"" + secrets.password() + "\";");
        }
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", dir.resolve("broker.p12").toString());
        p.put("ssl.keystore.password", secrets.storePassword());
        p.put("ssl.key.password", secrets.storePassword());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", dir.resolve("truststore.p12").toString());
        p.put("ssl.truststore.password", secrets.storePassword());
        p.put("listener.name.ssl.ssl.client.auth", "required");
        return p;
    }

    /**
     * After the broker started: creates (or updates) the SCRAM credentials, waits until a client logs in
     * with them, and writes {@code listeners.properties} and the client settings files.
     *
     * @return what clients need
     * @throws IllegalStateException when that does not succeed within {@code timeout}
     */
    public ClientSecurity finish(KRaftNode node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int saslSsl = port(node, "SASL_SSL");
        int saslPlaintext = port(node, "SASL_PLAINTEXT");
        ClientSecurity security = new ClientSecurity(host, saslSsl, port(node, "SSL"), saslPlaintext,
                secrets.username(), secrets.password(), secrets.storePassword(), dir);
        if (saslSsl != SecureListeners.OFF || saslPlaintext != SecureListeners.OFF) {
            createScramUsers(node, deadline);
            awaitLogin(saslSsl != SecureListeners.OFF ? security.saslSslProperties("SCRAM-SHA-512")
                    : security.saslPlaintextProperties("SCRAM-SHA-512"), deadline);
        }
        try {
            writeFiles(security);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the client settings in " + dir + ": " + e, e);
        }
        return security;
    }

    private static int port(KRaftNode node, String name) {
        return node.extraListeners().stream().filter(l -> l.name().equals(name)).mapToInt(KRaftNode.Listener::port)
                .findFirst().orElse(SecureListeners.OFF);
    }

    private void createScramUsers(KRaftNode node, long deadline) {
        Map<String, Object> config = Map.of("bootstrap.servers", node.host() + ":" + node.port(),
                "client.id", "faust-devbroker-setup");
        try (Admin admin = Admin.create(config)) {
            // one request per mechanism: Kafka refuses two alterations of one user in the same request
            for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(secrets.username(),
                        new ScramCredentialInfo(mechanism, SCRAM_ITERATIONS), secrets.password())))
                        .all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the SCRAM user " + secrets.username() + ": "
                    + KRaftNode.messages(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the SCRAM user " + secrets.username() + " was not created in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the SCRAM user", e);
        }
    }

    /** Logs in until it works: the broker learns new SCRAM credentials from the metadata log a moment later. */
    private static void awaitLogin(Map<String, Object> clientConfig, long deadline) {
        Map<String, Object> config = new LinkedHashMap<>(clientConfig);
        config.put("client.id", "faust-devbroker-check");
        while (true) {
            long remaining = remainingMillis(deadline);
            config.put("request.timeout.ms", (int) Math.min(Integer.MAX_VALUE, remaining));
            config.put("default.api.timeout.ms", (int) Math.min(Integer.MAX_VALUE, remaining));
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().clusterId().get(remaining, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() >= deadline) {
                    throw new IllegalStateException("a client cannot log in on " + config.get("bootstrap.servers")
                            + ": " + KRaftNode.messages(e.getCause()), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("a client could not log in on " + config.get("bootstrap.servers")
                        + " in time", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the secured listener", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the secured listener", e);
            }
        }
    }

    private void writeFiles(ClientSecurity security) throws IOException {
        Map<String, String> listeners = new LinkedHashMap<>();
        listeners.put("host", security.host());
        listeners.put("sasl_ssl.port", Integer.toString(security.saslSslPort()));
        listeners.put("ssl.port", Integer.toString(security.sslPort()));
        listeners.put("sasl_plaintext.port", Integer.toString(security.saslPlaintextPort()));
        writeClientFile("client-sasl-ssl.properties", security.saslSslPort(),
                () -> security.saslSslProperties("SCRAM-SHA-512"));
        writeClientFile("client-ssl.properties", security.sslPort(), security::sslProperties);
        writeClientFile("client-sasl-plaintext.properties", security.saslPlaintextPort(),
                () -> security.saslPlaintextProperties("SCRAM-SHA-512"));
        SecurityFiles.writeProperties(dir.resolve(SecurityFiles.LISTENERS), listeners);
    }

    private void writeClientFile(String name, int port, Supplier<Map<String, Object>> settings)
            throws IOException {
        Path file = dir.resolve(name);
        if (port == SecureListeners.OFF) {
            Files.deleteIfExists(file);
        } else {
            SecurityFiles.writeProperties(file, strings(settings.get()));
        }
    }

    /** Removes what tells clients that the broker runs; the certificates and secrets stay. */
    public static void forgetListeners(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(SecurityFiles.LISTENERS));
        } catch (IOException e) {
            // best effort: a reader also checks that the broker answers
        }
    }

    private static Map<String, String> strings(Map<String, Object> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((key, value) -> result.put(key, String.valueOf(value)));
        return result;
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
