package faust.devbroker.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tells whether a Kafka broker answers at an address, by sending one {@code ApiVersions} request (version 0,
 * which every broker accepts) over a plain socket and reading the response header.
 *
 * <p>It deliberately does not use the Kafka {@code AdminClient}: that would log its configuration and
 * connection warnings into the caller's log every time nothing listens, and its timeouts are not hard
 * upper bounds. Every step here runs against one deadline, so a call never takes (much) longer than the
 * timeout it was given.
 */
public final class KafkaProbe {
    private static final short API_VERSIONS_KEY = 18;
    private static final byte[] CLIENT_ID = "faust-devbroker-probe".getBytes(StandardCharsets.UTF_8);

    private KafkaProbe() {
    }

    /** A host and port. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Parses a bootstrap servers list: {@code host:port[,host:port...]}, each entry optionally prefixed with a
     * URL scheme such as {@code kafka://} (Faust style), IPv6 hosts in brackets.
     *
     * @throws IllegalArgumentException on an entry without a valid port
     */
    public static List<HostPort> parse(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no bootstrap servers given");
        }
        List<HostPort> result = new ArrayList<>();
        for (String raw : bootstrapServers.split("[,;\\s]+")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int scheme = entry.indexOf("://");
            if (scheme >= 0) {
                entry = entry.substring(scheme + 3);
            }
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                entry = entry.substring(0, slash);
            }
            String host;
            String portText;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0 || close + 1 >= entry.length() || entry.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("not host:port: " + raw);
                }
                host = entry.substring(1, close);
                portText = entry.substring(close + 2);
            } else {
                int colon = entry.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("not host:port: " + raw);
                }
                host = entry.substring(0, colon);
                portText = entry.substring(colon + 1);
            }
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not host:port: " + raw, e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in " + raw);
            }
            result.add(new HostPort(host, port));
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap servers given");
        }
        return result;
    }

    /**
     * Whether a Kafka broker answers at any of the given bootstrap servers within {@code timeout}
     * (shared by all of them). Never throws for network problems; they just mean "no".
     */
    public static boolean answers(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
        for (HostPort hp : parse(bootstrapServers)) {
            if (answers(hp.host(), hp.port(), deadline)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        return false;
    }

    /** Whether a Kafka broker answers at {@code host:port} within {@code timeout}. */
    public static boolean answers(String host, int port, Duration timeout) {
        return answers(host, port, System.nanoTime() + Math.max(1, timeout.toNanos()));
    }

    private static boolean answers(String host, int port, long deadlineNanos) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                return false;
            }
            socket.connect(address, remainingMillis(deadlineNanos));
            int correlationId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            OutputStream rawOut = socket.getOutputStream();
            DataOutputStream out = new DataOutputStream(rawOut);
            // request header v1: api_key, api_version, correlation_id, client_id (nullable string); empty v0 body
            out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(CLIENT_ID.length);
            out.write(CLIENT_ID);
            out.flush();
            InputStream rawIn = socket.getInputStream();
            DataInputStream in = new DataInputStream(rawIn);
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int size = in.readInt();
            if (size < 6 || size > (1 << 20)) {
                return false;
            }
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int answeredCorrelationId = in.readInt();
            return answeredCorrelationId == correlationId;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (remaining <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
