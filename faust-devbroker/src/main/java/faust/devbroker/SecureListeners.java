package faust.devbroker;

import java.nio.file.Path;

/**
 * Secured client listeners a {@link DevBroker} opens next to its plaintext one, so that TLS and SASL
 * settings can be tried without a real cluster:
 *
 * <ul>
 *   <li><b>SASL_SSL</b> — TLS, then SASL with SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN (what Confluent Cloud,
 *       MSK, Aiven and most on-premises clusters ask for);</li>
 *   <li><b>SSL</b> — TLS with a client certificate (mutual TLS);</li>
 *   <li><b>SASL_PLAINTEXT</b> — SASL without TLS, with the same mechanisms.</li>
 * </ul>
 *
 * <p>The broker makes a CA and certificates signed by it in {@link #dir()} the first time, with a user
 * {@code faust} and a random password, and reuses them on later starts. {@link DevBroker#security()} tells
 * clients where everything is ({@link ClientSecurity}).
 *
 * <pre>{@code
 * DevBroker.Options options = DevBroker.Options.defaults().withPort(0)
 *         .withSecureListeners(SecureListeners.saslSsl(0));
 * try (DevBroker broker = DevBroker.start(options)) {
 *     Map<String, Object> config = broker.security().orElseThrow().saslSslProperties("SCRAM-SHA-512");
 *     ...
 * }
 * }</pre>
 *
 * @param saslSslPort port of the SASL_SSL listener; 0 picks a free one, {@link #OFF} opens none
 * @param sslPort port of the SSL (mutual TLS) listener; 0 picks a free one, {@link #OFF} opens none
 * @param saslPlaintextPort port of the SASL_PLAINTEXT listener; 0 picks a free one, {@link #OFF} opens none
 * @param dir where the certificates, stores and password are kept; {@code null} means next to the data
 *     directory ({@code <data dir>-security}), or a temporary directory deleted on close when the data
 *     directory is temporary too
 */
public record SecureListeners(int saslSslPort, int sslPort, int saslPlaintextPort, Path dir) {
    /** A port value that means "no such listener". */
    public static final int OFF = -1;

    /** Checks the ports: {@link #OFF}, 0, or a port number; at least one listener. */
    public SecureListeners {
        check("saslSslPort", saslSslPort);
        check("sslPort", sslPort);
        check("saslPlaintextPort", saslPlaintextPort);
        if (saslSslPort == OFF && sslPort == OFF && saslPlaintextPort == OFF) {
            throw new IllegalArgumentException("no secured listener: give at least one port (0 for a free one)");
        }
    }

    private static void check(String name, int port) {
        if (port < OFF || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port + " (0 picks a free port, -1 is off)");
        }
    }

    /**
     * A SASL_SSL listener only.
     *
     * @param port its port, 0 for a free one
     * @return the listeners
     */
    public static SecureListeners saslSsl(int port) {
        return new SecureListeners(port, OFF, OFF, null);
    }

    /**
     * All three listeners, each on a free port.
     *
     * @return the listeners
     */
    public static SecureListeners allOnFreePorts() {
        return new SecureListeners(0, 0, 0, null);
    }

    /**
     * A copy with another SASL_SSL port.
     *
     * @param port 0 for a free one, {@link #OFF} for none
     * @return the new listeners
     */
    public SecureListeners withSaslSslPort(int port) {
        return new SecureListeners(port, sslPort, saslPlaintextPort, dir);
    }

    /**
     * A copy with another SSL (mutual TLS) port.
     *
     * @param port 0 for a free one, {@link #OFF} for none
     * @return the new listeners
     */
    public SecureListeners withSslPort(int port) {
        return new SecureListeners(saslSslPort, port, saslPlaintextPort, dir);
    }

    /**
     * A copy with another SASL_PLAINTEXT port.
     *
     * @param port 0 for a free one, {@link #OFF} for none
     * @return the new listeners
     */
    public SecureListeners withSaslPlaintextPort(int port) {
        return new SecureListeners(saslSslPort, sslPort, port, dir);
    }

    /**
     * A copy that keeps its files in {@code dir}.
     *
     * @param dir the directory, {@code null} for the default
     * @return the new listeners
     */
    public SecureListeners withDir(Path dir) {
        return new SecureListeners(saslSslPort, sslPort, saslPlaintextPort, dir);
    }
}
