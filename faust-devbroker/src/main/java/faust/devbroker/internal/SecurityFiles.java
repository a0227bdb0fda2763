package faust.devbroker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The files of a dev broker's secured listeners, in one directory: the CA, the broker's and a client's key
 * and certificate, a trust store, and the user's password. Made the first time; reused on later starts so
 * that trust stores and passwords handed to clients stay valid. A certificate that expires within 30 days,
 * or a broker certificate that does not name the broker's host, is made anew (signed by the same CA).
 *
 * <ul>
 *   <li>{@code ca.p12} — the CA's key and certificate (PKCS12, store password);</li>
 *   <li>{@code ca.crt} — the CA's certificate (PEM), for clients that are not Java;</li>
 *   <li>{@code truststore.p12} — the CA's certificate as a trusted entry (PKCS12, store password);</li>
 *   <li>{@code broker.p12} — the broker's key and certificate chain;</li>
 *   <li>{@code client.p12}, {@code client.crt}, {@code client.key} — a client's key and certificate
 *       for the SSL listener, which asks for one;</li>
 *   <li>{@code security.properties} — user name, password, store password;</li>
 *   <li>{@code listeners.properties} — host and ports of the secured listeners, while a broker runs;</li>
 *   <li>{@code client-sasl-ssl.properties}, {@code client-ssl.properties},
 *       {@code client-sasl-plaintext.properties} — Kafka client settings for each listener.</li>
 * </ul>
 */
public final class SecurityFiles {
    /** The user name the dev broker knows, for SCRAM and PLAIN. */
    public static final String USERNAME = "faust";
    /** The file with the user and the passwords. */
    public static final String PROPERTIES = "security.properties";
    /** The file with the host and ports of the secured listeners, while a broker runs. */
    public static final String LISTENERS = "listeners.properties";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_MARGIN = Duration.ofDays(30);
    private static final String CA_ALIAS = "ca";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecurityFiles() {
    }

    /**
     * The secrets in a security directory.
     *
     * @param username the user name
     * @param password the user's password (SCRAM and PLAIN)
     * @param storePassword the password of every key and trust store in the directory
     */
    public record Secrets(String username, String password, String storePassword) {
    }

    /**
     * Makes or reuses the files in {@code dir} for a broker advertised as {@code host}.
     *
     * @return the secrets to configure the broker and its clients with
     * @throws IllegalStateException when the directory cannot be written
     */
    public static Secrets prepare(Path dir, String host) {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Properties stored = read(dir.resolve(PROPERTIES));
            Secrets secrets = new Secrets(USERNAME,
                    stored.getProperty("password", randomSecret()),
                    stored.getProperty("store.password", randomSecret()));
            char[] storePassword = secrets.storePassword().toCharArray();
            Certificates.Issued ca = loadKey(dir.resolve("ca.p12"), storePassword, CA_ALIAS);
            boolean newCa = ca == null || !Certificates.isSignedAndValid(ca.certificate(), ca.certificate(),
                    RENEW_MARGIN);
            if (newCa) {
                ca = Certificates.authority("Faust dev broker CA", CA_VALIDITY);
                writeKeyStore(dir.resolve("ca.p12"), CA_ALIAS, ca, storePassword);
            }
            X509Certificate caCertificate = ca.certificate();
            writePem(dir.resolve("ca.crt"), "CERTIFICATE", caCertificate.getEncoded(), false);
            writeTrustStore(dir.resolve("truststore.p12"), caCertificate, storePassword);

            List<String> hosts = serverHosts(host);
            Certificates.Issued broker = loadKey(dir.resolve("broker.p12"), storePassword, "broker");
            if (newCa || broker == null || !Certificates.isSignedAndValid(broker.certificate(), caCertificate,
                    RENEW_MARGIN) || !Certificates.covers(broker.certificate(), hosts)) {
                writeKeyStore(dir.resolve("broker.p12"), "broker",
                        Certificates.server(ca, hosts, LEAF_VALIDITY), storePassword);
            }
            Certificates.Issued client = loadKey(dir.resolve("client.p12"), storePassword, "client");
            if (newCa || client == null || !Certificates.isSignedAndValid(client.certificate(), caCertificate,
                    RENEW_MARGIN)) {
                client = Certificates.client(ca, USERNAME, LEAF_VALIDITY);
                writeKeyStore(dir.resolve("client.p12"), "client", client, storePassword);
                writePem(dir.resolve("client.crt"), "CERTIFICATE", client.certificate().getEncoded(), false);
                writePem(dir.resolve("client.key"), "PRIVATE KEY", client.key().getEncoded(), true);
            }
            if (!stored.containsKey("password") || !stored.containsKey("store.password")) {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("username", secrets.username());
                values.put("password", secrets.password());
                values.put("store.password", secrets.storePassword());
                writeProperties(dir.resolve(PROPERTIES), values);
            }
            return secrets;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the TLS and SASL files in " + dir + ": " + e, e);
        }
    }

    /** The names the broker's certificate holds: the host, and the loopback names clients may use. */
    static List<String> serverHosts(String host) {
        List<String> hosts = new ArrayList<>();
        for (String name : List.of(host, "localhost", "127.0.0.1", "::1")) {
            if (hosts.stream().noneMatch(name::equalsIgnoreCase)) {
                hosts.add(name);
            }
        }
        return hosts;
    }

    /** Reads a properties file; empty when it does not exist or cannot be read. */
    public static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return properties;
    }

    /**
     * Writes {@code values} as a properties file readable by its owner only, in their order. Keys are plain
     * names; in values only backslashes, line breaks and characters beyond ASCII are escaped, so the file
     * stays readable.
     */
    public static void writeProperties(Path file, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder("# written by the Faust dev broker\n");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            text.append(entry.getKey()).append('=');
            for (char c : entry.getValue().toCharArray()) {
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
                }
            }
            text.append('\n');
        }
        writePrivately(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Certificates.Issued loadKey(Path file, char[] password, String alias) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                return null;
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new Certificates.Issued(key, chain);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null; // unreadable or made with another password: make a new one
        }
    }

    private static void writeKeyStore(Path file, String alias, Certificates.Issued issued, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, issued.key(), password, issued.chain().toArray(Certificate[]::new));
        writeStore(file, store, password);
    }

    private static void writeTrustStore(Path file, X509Certificate ca, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(CA_ALIAS, ca);
        writeStore(file, store, password);
    }

    private static void writeStore(Path file, KeyStore store, char[] password)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        writePrivately(file, bytes.toByteArray());
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String text = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (secret) {
            writePrivately(file, bytes);
        } else {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Writes a file readable by its owner only (where the file system knows permissions), atomically. */
    private static void writePrivately(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        restrict(tmp, "rw-------");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(bytes);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    /** 128 random bits as 32 hexadecimal digits: nothing to quote in JAAS or properties. */
    private static String randomSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
