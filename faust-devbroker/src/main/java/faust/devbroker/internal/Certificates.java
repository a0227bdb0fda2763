package faust.devbroker.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes the X.509 certificates of a dev broker: a self-signed CA, and server and client certificates signed
 * by it. Keys are EC P-256, signatures SHA256withECDSA; TLS 1.2 and 1.3 clients of any language accept them.
 *
 * <p>The JDK can parse certificates but has no public API to build one, and {@code keytool} costs a JVM
 * start (one to two seconds) for each of the seven steps a CA and two signed certificates take; encoding the
 * few fields a certificate needs takes milliseconds.
 */
public final class Certificates {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String EXT_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    /** Kept from a clock that is a little behind. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /**
     * A private key and its certificate chain, the certificate first.
     *
     * @param key the private key
     * @param chain the certificate, then the certificates of its issuers
     */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {
        /** Copies the chain. */
        public Issued {
            chain = List.copyOf(chain);
        }

        /** The certificate itself. */
        public X509Certificate certificate() {
            return chain.getFirst();
        }
    }

    /** A self-signed CA certificate named {@code commonName}, valid from now for {@code validity}. */
    public static Issued authority(String commonName, Duration validity) {
        KeyPair pair = newKeyPair();
        byte[] name = name(commonName);
        byte[] keyId = keyId(pair.getPublic());
        List<byte[]> extensions = List.of(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN)),
                extension(SUBJECT_KEY_ID, false, Der.octetString(keyId)));
        X509Certificate certificate = sign(name, name, pair.getPublic(), validity, extensions, pair.getPrivate());
        return new Issued(pair.getPrivate(), List.of(certificate));
    }

    /**
     * A server certificate for {@code hosts} (host names or IP literals, the first one also its common name),
     * signed by {@code authority}.
     */
    public static Issued server(Issued authority, List<String> hosts, Duration validity) {
        return leaf(authority, hosts.getFirst(), hosts, SERVER_AUTH, validity);
    }

    /** A client certificate with the common name {@code commonName}, signed by {@code authority}. */
    public static Issued client(Issued authority, String commonName, Duration validity) {
        return leaf(authority, commonName, List.of(), CLIENT_AUTH, validity);
    }

    private static Issued leaf(Issued authority, String commonName, List<String> hosts, String usage,
                               Duration validity) {
        KeyPair pair = newKeyPair();
        X509Certificate issuer = authority.certificate();
        List<byte[]> extensions = new ArrayList<>();
        extensions.add(extension(BASIC_CONSTRAINTS, true, Der.sequence()));
        extensions.add(extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE)));
        extensions.add(extension(EXT_KEY_USAGE, false, Der.sequence(Der.oid(usage))));
        if (!hosts.isEmpty()) {
            extensions.add(extension(SUBJECT_ALT_NAME, false, subjectAltNames(hosts)));
        }
        extensions.add(extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(pair.getPublic()))));
        extensions.add(extension(AUTHORITY_KEY_ID, false,
                Der.sequence(Der.implicitPrimitive(0, keyId(issuer.getPublicKey())))));
        X509Certificate certificate = sign(issuer.getSubjectX500Principal().getEncoded(), name(commonName),
                pair.getPublic(), validity, extensions, authority.key());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(authority.chain());
        return new Issued(pair.getPrivate(), chain);
    }

    /**
     * Whether {@code certificate} was signed by {@code issuer} and stays valid for at least {@code margin}.
     */
    public static boolean isSignedAndValid(X509Certificate certificate, X509Certificate issuer, Duration margin) {
        try {
            certificate.verify(issuer.getPublicKey());
            certificate.checkValidity(java.util.Date.from(ZonedDateTime.now(ZoneOffset.UTC).plus(margin)
                    .toInstant()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code certificate} names every one of {@code hosts} in its subject alternative names. */
    public static boolean covers(X509Certificate certificate, List<String> hosts) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            List<String> present = new ArrayList<>();
            for (List<?> entry : names) {
                present.add(String.valueOf(entry.get(1)));
            }
            for (String host : hosts) {
                if (isIpLiteral(host)) {
                    byte[] wanted = InetAddress.getByName(host).getAddress();
                    boolean found = false;
                    for (String name : present) {
                        if (isIpLiteral(name) && Arrays.equals(InetAddress.getByName(name).getAddress(), wanted)) {
                            found = true;
                        }
                    }
                    if (!found) {
                        return false;
                    }
                } else if (present.stream().noneMatch(host::equalsIgnoreCase)) {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException | UnknownHostException e) {
            return false;
        }
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal rather than a name. */
    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static byte[] subjectAltNames(List<String> hosts) {
        List<byte[]> names = new ArrayList<>();
        for (String host : hosts) {
            if (isIpLiteral(host)) {
                try {
                    names.add(Der.implicitPrimitive(7, InetAddress.getByName(host).getAddress()));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address: " + host, e);
                }
            } else {
                names.add(Der.implicitPrimitive(2, Der.ia5(host)));
            }
        }
        return Der.sequence(names.toArray(byte[][]::new));
    }

    private static X509Certificate sign(byte[] issuer, byte[] subject, PublicKey key, Duration validity,
                                        List<byte[]> extensions, PrivateKey signer) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)), // v3
                Der.integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuer,
                Der.sequence(Der.time(now.minus(BACKDATE)), Der.time(now.plus(validity))),
                subject,
                key.getEncoded(), // SubjectPublicKeyInfo, DER already
                Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(signer);
            signature.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    /** {@code O=Faust dev broker, CN=commonName}. */
    private static byte[] name(String commonName) {
        return Der.sequence(
                Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8("Faust dev broker"))),
                Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** A key identifier: the first 20 bytes of the SHA-256 of the encoded public key. */
    private static byte[] keyId(PublicKey key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an EC key pair: " + e.getMessage(), e);
        }
    }
}
