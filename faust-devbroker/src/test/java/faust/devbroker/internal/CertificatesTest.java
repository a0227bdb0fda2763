package faust.devbroker.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class CertificatesTest {
    private static final Duration YEAR = Duration.ofDays(365);

    @Test
    void aServerCertificateSignedByTheCaPassesATlsHandshakeWithHostnameVerification() throws Exception {
        Certificates.Issued ca = Certificates.authority("test CA", YEAR);
        Certificates.Issued server = Certificates.server(ca, List.of("localhost", "127.0.0.1", "::1"), YEAR);
        Certificates.Issued client = Certificates.client(ca, "faust", YEAR);

        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0); // a CA
        assertThat(server.certificate().getBasicConstraints()).isEqualTo(-1);       // not a CA
        server.certificate().verify(ca.certificate().getPublicKey());
        assertThat(server.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(server.certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=localhost,O=Faust dev broker");
        assertThat(server.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(Certificates.covers(server.certificate(), List.of("LOCALHOST", "127.0.0.1", "0:0:0:0:0:0:0:1")))
                .isTrue();
        assertThat(Certificates.covers(server.certificate(), List.of("kafka.example.com"))).isFalse();

        // mutual TLS with the JDK's own validation, as Kafka's clients and broker do it
        assertThat(handshake(server, ca, client, "localhost")).isEqualTo("CN=faust,O=Faust dev broker");
    }

    @Test
    void aClientRefusesAServerWhoseCertificateDoesNotNameTheHost() throws Exception {
        Certificates.Issued ca = Certificates.authority("test CA", YEAR);
        Certificates.Issued server = Certificates.server(ca, List.of("kafka.example.com"), YEAR);
        assertThatThrownBy(() -> handshake(server, ca, null, "localhost"))
                .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
                .rootCause().hasMessageContaining("localhost");
    }

    @Test
    void aClientRefusesAServerSignedByAnotherCa() throws Exception {
        Certificates.Issued ca = Certificates.authority("test CA", YEAR);
        Certificates.Issued other = Certificates.authority("other CA", YEAR);
        Certificates.Issued server = Certificates.server(other, List.of("localhost"), YEAR);
        assertThatThrownBy(() -> handshake(server, ca, null, "localhost"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void validityAndSignatureChecks() {
        Certificates.Issued ca = Certificates.authority("test CA", YEAR);
        Certificates.Issued other = Certificates.authority("other CA", YEAR);
        Certificates.Issued server = Certificates.server(ca, List.of("localhost"), Duration.ofDays(10));
        assertThat(Certificates.isSignedAndValid(server.certificate(), ca.certificate(), Duration.ofDays(1))).isTrue();
        assertThat(Certificates.isSignedAndValid(server.certificate(), ca.certificate(), Duration.ofDays(30)))
                .isFalse(); // expires too soon
        assertThat(Certificates.isSignedAndValid(server.certificate(), other.certificate(), Duration.ZERO)).isFalse();
    }

    @Test
    void securityFilesAreMadeOnceAndReused(@TempDir Path dir) throws Exception {
        SecurityFiles.Secrets first = SecurityFiles.prepare(dir, "localhost");
        assertThat(first.username()).isEqualTo("faust");
        assertThat(first.password()).hasSize(32).isNotEqualTo(first.storePassword());
        byte[] ca = Files.readAllBytes(dir.resolve("ca.crt"));
        X509Certificate broker = certificate(dir.resolve("broker.p12"), "broker", first.storePassword());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("client.key"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("security.properties"))))
                    .isEqualTo("rw-------");
        }

        SecurityFiles.Secrets again = SecurityFiles.prepare(dir, "localhost");
        assertThat(again).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(ca);
        assertThat(certificate(dir.resolve("broker.p12"), "broker", first.storePassword())).isEqualTo(broker);

        // another host: a new broker certificate from the same CA, so clients' trust stores stay valid
        SecurityFiles.prepare(dir, "kafka.test");
        X509Certificate renewed = certificate(dir.resolve("broker.p12"), "broker", first.storePassword());
        assertThat(renewed).isNotEqualTo(broker);
        assertThat(Certificates.covers(renewed, List.of("kafka.test", "localhost", "127.0.0.1"))).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(ca);
        X509Certificate pemCa = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve("ca.crt")));
        renewed.verify(pemCa.getPublicKey());
        Properties stored = SecurityFiles.read(dir.resolve("security.properties"));
        assertThat(stored.getProperty("password")).isEqualTo(first.password());
    }

    private static X509Certificate certificate(Path keystore, String alias, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return (X509Certificate) store.getCertificate(alias);
    }

    /** A TLS handshake over loopback; returns the client certificate's subject the server saw, or "". */
    private static String handshake(Certificates.Issued server, Certificates.Issued ca, Certificates.Issued client,
                                    String host) throws Exception {
        SSLContext serverContext = context(server, ca);
        SSLContext clientContext = context(client, ca);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setWantClientAuth(true);
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    socket.getInputStream().read();
                    try {
                        return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                                .getSubjectX500Principal().getName();
                    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                        return "";
                    }
                } catch (Exception e) {
                    return "server failed: " + e;
                }
            }, task -> Thread.ofPlatform().daemon().start(task));
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5000);
                socket.setSoTimeout(10_000);
                // hostname verification checks the host this TLS socket is opened for
                SSLSocket layered = (SSLSocket) clientContext.getSocketFactory().createSocket(socket, host,
                        listener.getLocalPort(), true);
                SSLParameters parameters = layered.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                layered.setSSLParameters(parameters);
                layered.startHandshake();
                layered.getOutputStream().write(1);
                layered.getOutputStream().flush();
                layered.close(); // the server's close waits for ours
                return accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static SSLContext context(Certificates.Issued own, Certificates.Issued ca) throws Exception {
        char[] password = "test".toCharArray();
        KeyManagerFactory keys = null;
        if (own != null) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("own", own.key(), password, own.chain().toArray(new java.security.cert.Certificate[0]));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
        }
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
