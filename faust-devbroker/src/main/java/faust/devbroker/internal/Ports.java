package faust.devbroker.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;

/** Port helpers: picking a free port, and checking that a given one can be bound. */
public final class Ports {
    private Ports() {
    }

    /**
     * Picks a port that is free on {@code host} right now (bound and released at once). Another process may
     * take it before the caller binds it; callers that can, retry.
     */
    public static int pickFree(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(resolve(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * Throws an {@link IllegalStateException} with the message {@code "port N is already in use: ..."} when
     * {@code port} cannot be bound on {@code host}, saying whether a Kafka broker answers there.
     */
    public static void requireFree(String host, int port) {
        InetAddress address = resolve(host);
        try (ServerSocket socket = new ServerSocket()) {
            // Kafka binds with SO_REUSEADDR too, so a port in TIME_WAIT is free for it as well
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw portInUse(host, port, e);
        }
    }

    /** The exception thrown when {@code port} is taken: names the port and, if so, that Kafka answers there. */
    public static IllegalStateException portInUse(String host, int port, Throwable cause) {
        String why;
        if (KafkaProbe.answers(host, port, Duration.ofMillis(700))) {
            why = "a Kafka broker already answers on " + host + ":" + port
                    + " (is a dev broker already running?)";
        } else {
            String detail = cause == null || cause.getMessage() == null ? "bind failed" : cause.getMessage();
            why = detail + " (another process listens on " + host + ":" + port + "; choose another port)";
        }
        return new IllegalStateException("port " + port + " is already in use: " + why, cause);
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }
}
