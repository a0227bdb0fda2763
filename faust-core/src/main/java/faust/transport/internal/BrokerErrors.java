package faust.transport.internal;

import faust.Settings;
import java.util.Locale;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns what the Kafka clients throw when TLS or SASL fails into one line that names what is wrong and which
 * setting to change (never a stack trace for a wrong password or an untrusted certificate).
 */
final class BrokerErrors {
    private BrokerErrors() {
    }

    /**
     * @param error what a client threw (any depth of causes)
     * @param settings the settings in force
     * @param servers the brokers
     * @return one line, or null when the error is not about TLS, SASL or ACLs
     */
    static String describe(Throwable error, Settings settings, String servers) {
        String chain = chain(error);
        String lower = chain.toLowerCase(Locale.ROOT);
        String user = user(settings);
        String mechanism = settings.kafkaConfig().getOrDefault("sasl.mechanism", "SASL");
        if (find(error, SslAuthenticationException.class) != null || lower.contains("pkix")
                || lower.contains("sslhandshake")) {
            if (lower.contains("pkix") || lower.contains("unable to find valid certification path")) {
                return "the broker's certificate at " + servers + " is not trusted: set the trust store with"
                        + " FAUST_SSL_CAFILE (PEM) or FAUST_SSL_TRUSTSTORE (+ _PASSWORD), or Credentials.ssl/sslPem"
                        + " in app code";
            }
            if (lower.contains("no subject alternative") || lower.contains("hostname")) {
                return "the broker's certificate at " + servers + " does not name that host: connect by the name in"
                        + " its certificate, or set FAUST_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM= to skip the"
                        + " check (" + first(error, SslAuthenticationException.class) + ")";
            }
            return "the TLS handshake with " + servers + " failed (" + first(error, SslAuthenticationException.class)
                    + "): check the broker's security protocol and the trust/key store settings";
        }
        if (find(error, SaslAuthenticationException.class) != null) {
            return "authentication failed for user " + user + " with " + mechanism + " at " + servers
                    + ": check the password (FAUST_BROKER_SASL_PASSWORD), the user (FAUST_BROKER_SASL_USERNAME) and the mechanism (FAUST_BROKER_SASL_MECHANISM); the broker said: "
                    + first(error, SaslAuthenticationException.class);
        }
        if (find(error, AuthenticationException.class) != null) {
            return "authentication with " + servers + " failed (" + first(error, AuthenticationException.class)
                    + "): check the broker's security protocol (FAUST_BROKER_SECURITY_PROTOCOL) and credentials";
        }
        if (find(error, AuthorizationException.class) != null) {
            return "the broker at " + servers + " refused user " + user + ": "
                    + first(error, AuthorizationException.class) + " (grant the ACLs the worker needs: read/write on"
                    + " its topics, describe/create for internal topics, read on its consumer group)";
        }
        return null;
    }

    private static String user(Settings settings) {
        String jaas = settings.kafkaConfig().getOrDefault("sasl.jaas.config", "");
        int i = jaas.indexOf("username=\"");
        if (i < 0) {
            return "?";
        }
        int end = jaas.indexOf('"', i + 10);
        return end < 0 ? "?" : jaas.substring(i + 10, end);
    }

    private static String first(Throwable error, Class<? extends Throwable> type) {
        Throwable t = find(error, type);
        String m = t == null ? null : t.getMessage();
        return m == null ? String.valueOf(t) : m.lines().findFirst().orElse(m);
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String chain(Throwable error) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return b.toString();
    }
}
