package faust.devbroker;

import faust.devbroker.internal.QuietLogging;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link DevBroker} in the foreground until the JVM is told to stop (SIGTERM, SIGINT): the process
 * behind {@link DetachedBroker}.
 *
 * <pre>
 * java -cp ... faust.devbroker.DevBrokerMain [--port N] [--datadir DIR] [--host HOST]
 *     [--sasl-ssl-port N] [--ssl-port N] [--sasl-plaintext-port N] [--security-dir DIR]
 * </pre>
 *
 * <p>Defaults: port {@value DevBroker#DEFAULT_PORT}, data directory
 * {@code ${FAUST_HOME:-~/.faust}/dev-broker/data}, no secured listeners ({@link SecureListeners}; their files
 * go to {@code --security-dir}, by default {@code <datadir>-security}). When the broker serves clients it
 * prints {@code Kafka dev broker ready on localhost:PORT (data: DIR)} to stdout, followed by one indented
 * line per secured listener, user and files ({@link ClientSecurity#describe()}). When it cannot start it
 * prints {@code error: ...} to stderr and exits with status 1; bad arguments exit with status 2.
 */
public final class DevBrokerMain {
    private DevBrokerMain() {
    }

    /**
     * Parsed command line.
     *
     * @param port the client port (0 = a free one)
     * @param dataDir the data directory
     * @param host the host
     * @param secure the secured listeners, {@code null} for none
     */
    record Args(int port, Path dataDir, String host, SecureListeners secure) {
        static Args parse(String[] args) {
            int port = DevBroker.DEFAULT_PORT;
            Path dataDir = DetachedBroker.defaultDataDir();
            String host = DevBroker.DEFAULT_HOST;
            int saslSsl = SecureListeners.OFF;
            int ssl = SecureListeners.OFF;
            int saslPlaintext = SecureListeners.OFF;
            Path securityDir = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--port", "-p" -> port = port("--port", value != null ? value : next(args, ++i, arg));
                    case "--datadir", "--data-dir" -> dataDir = Path.of(value != null ? value : next(args, ++i, arg));
                    case "--host" -> host = value != null ? value : next(args, ++i, arg);
                    case "--sasl-ssl-port" -> saslSsl = port(arg, value != null ? value : next(args, ++i, arg));
                    case "--ssl-port" -> ssl = port(arg, value != null ? value : next(args, ++i, arg));
                    case "--sasl-plaintext-port" ->
                            saslPlaintext = port(arg, value != null ? value : next(args, ++i, arg));
                    case "--security-dir" -> securityDir = Path.of(value != null ? value : next(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            SecureListeners secure = saslSsl == SecureListeners.OFF && ssl == SecureListeners.OFF
                    && saslPlaintext == SecureListeners.OFF ? null
                    : new SecureListeners(saslSsl, ssl, saslPlaintext, securityDir);
            return new Args(port, dataDir, host, secure);
        }

        private static int port(String option, String text) {
            int port;
            try {
                port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: " + text);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(option + ": out of range: " + port);
            }
            return port;
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /**
     * Runs the broker until SIGTERM/SIGINT.
     *
     * @param args {@code --port N}, {@code --datadir DIR}, {@code --host HOST}, {@code --sasl-ssl-port N},
     *     {@code --ssl-port N}, {@code --sasl-plaintext-port N}, {@code --security-dir DIR}, {@code --help}
     */
    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("usage: DevBrokerMain [--port N (default 9092, 0 = any)] [--datadir DIR]"
                        + " [--host HOST] [--sasl-ssl-port N] [--ssl-port N] [--sasl-plaintext-port N]"
                        + " [--security-dir DIR]");
                return;
            }
        }
        Args parsed;
        try {
            parsed = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        QuietLogging.apply(QuietLogging.ALL_KAFKA_LOGGERS);
        DevBroker broker;
        try {
            broker = DevBroker.start(new DevBroker.Options(parsed.port(), parsed.dataDir(), parsed.host())
                    .withSecureListeners(parsed.secure()));
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PrintStream out = System.out;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
                out.println("Kafka dev broker stopped");
                out.flush();
            } finally {
                stopped.countDown();
            }
        }, "faust-devbroker-shutdown"));
        out.println("Kafka dev broker ready on " + broker.bootstrapServers() + " (data: " + broker.dataDir() + ")");
        broker.security().ifPresent(security -> security.describe().forEach(line -> out.println("  " + line)));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
