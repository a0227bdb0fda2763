package faust.internal;

import faust.ConfigException;
import faust.Credentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code broker_credentials} from the environment: {@code FAUST_BROKER_SECURITY_PROTOCOL},
 * {@code FAUST_BROKER_SASL_MECHANISM/USERNAME/PASSWORD/KERBEROS_SERVICE_NAME}, {@code FAUST_SSL_CAFILE/CERTFILE/KEYFILE}
 * (PEM) or {@code FAUST_SSL_TRUSTSTORE[_PASSWORD]}, {@code FAUST_SSL_KEYSTORE[_PASSWORD]},
 * {@code FAUST_SSL_KEY_PASSWORD}. When none is set the app code's credentials stay.
 */
final class EnvCredentials {
    static final List<String> NAMES = List.of("FAUST_BROKER_SECURITY_PROTOCOL", "FAUST_BROKER_SASL_MECHANISM",
            "FAUST_BROKER_SASL_USERNAME", "FAUST_BROKER_SASL_PASSWORD", "FAUST_BROKER_SASL_KERBEROS_SERVICE_NAME",
            "FAUST_SSL_CAFILE", "FAUST_SSL_CERTFILE", "FAUST_SSL_KEYFILE", "FAUST_SSL_TRUSTSTORE",
            "FAUST_SSL_TRUSTSTORE_PASSWORD", "FAUST_SSL_KEYSTORE", "FAUST_SSL_KEYSTORE_PASSWORD",
            "FAUST_SSL_KEY_PASSWORD");

    private EnvCredentials() {
    }

    /**
     * @param env the environment
     * @return the credentials the variables describe, or null when none is set
     */
    static Credentials read(Map<String, String> env) {
        if (NAMES.stream().noneMatch(n -> set(env, n))) {
            return null;
        }
        String protocol = get(env, "FAUST_BROKER_SECURITY_PROTOCOL");
        Credentials ssl = ssl(env);
        boolean sasl = set(env, "FAUST_BROKER_SASL_MECHANISM") || set(env, "FAUST_BROKER_SASL_USERNAME");
        if (protocol != null) {
            protocol = protocol.toUpperCase(Locale.ROOT).replace('-', '_');
            switch (protocol) {
                case "PLAINTEXT" -> {
                    return null;
                }
                case "SSL" -> {
                    return ssl != null ? ssl : Credentials.tls();
                }
                case "SASL_SSL" -> {
                    return sasl(env, ssl != null ? ssl : Credentials.tls());
                }
                case "SASL_PLAINTEXT" -> {
                    return sasl(env, null);
                }
                default -> throw new ConfigException("FAUST_BROKER_SECURITY_PROTOCOL='" + protocol + "' is not"
                        + " valid: give PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
            }
        }
        if (sasl) {
            return sasl(env, ssl);
        }
        return ssl;
    }

    private static Credentials sasl(Map<String, String> env, Credentials ssl) {
        String mechanism = get(env, "FAUST_BROKER_SASL_MECHANISM");
        if (mechanism == null) {
            mechanism = "PLAIN";
        }
        if (mechanism.trim().equalsIgnoreCase("GSSAPI")) {
            String service = get(env, "FAUST_BROKER_SASL_KERBEROS_SERVICE_NAME");
            return Credentials.gssapi(service == null ? "kafka" : service, ssl);
        }
        String user = get(env, "FAUST_BROKER_SASL_USERNAME");
        if (user == null) {
            throw new ConfigException("SASL " + mechanism + " needs a user: set FAUST_BROKER_SASL_USERNAME and"
                    + " FAUST_BROKER_SASL_PASSWORD");
        }
        return Credentials.sasl(user, get(env, "FAUST_BROKER_SASL_PASSWORD"), mechanism, ssl);
    }

    private static Credentials ssl(Map<String, String> env) {
        String cafile = get(env, "FAUST_SSL_CAFILE");
        String certfile = get(env, "FAUST_SSL_CERTFILE");
        String keyfile = get(env, "FAUST_SSL_KEYFILE");
        String truststore = get(env, "FAUST_SSL_TRUSTSTORE");
        String keystore = get(env, "FAUST_SSL_KEYSTORE");
        boolean pem = cafile != null || certfile != null || keyfile != null;
        boolean stores = truststore != null || keystore != null;
        if (pem && stores) {
            throw new ConfigException("both PEM files (FAUST_SSL_CAFILE/CERTFILE/KEYFILE) and stores"
                    + " (FAUST_SSL_TRUSTSTORE/KEYSTORE) are set: use one kind");
        }
        if (pem) {
            return Credentials.sslPem(path(cafile), path(certfile), path(keyfile));
        }
        if (stores) {
            return Credentials.ssl(path(truststore), get(env, "FAUST_SSL_TRUSTSTORE_PASSWORD"), path(keystore),
                    get(env, "FAUST_SSL_KEYSTORE_PASSWORD"), get(env, "FAUST_SSL_KEY_PASSWORD"));
        }
        return null;
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    private static boolean set(Map<String, String> env, String name) {
        return get(env, name) != null;
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
