package faust.devbroker.junit;

import faust.devbroker.DevBroker;
import faust.devbroker.internal.QuietLogging;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.UUID;

/**
 * JUnit Jupiter extension that gives integration tests one real Kafka broker shared by the whole test JVM:
 * started lazily on a free port with a temporary data directory, stopped when the test engine finishes
 * (and, at the latest, when the JVM exits).
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafka.class)
 * class OrdersIT {
 *     @Test
 *     void roundTrip(DevBroker broker) {
 *         String topic = EmbeddedKafka.uniqueName("orders");
 *         ... new KafkaProducer<>(Map.of("bootstrap.servers", EmbeddedKafka.bootstrapServers()), ...)
 *     }
 * }
 * }</pre>
 *
 * <p>Tests share the broker, so each test should use fresh topic and group names ({@link #uniqueName}).
 * Kafka's server loggers are turned down to WARN when the SLF4J backend is Logback and they have no level of
 * their own (system property {@code faust.devbroker.log.level}: another level, or {@code keep}).
 *
 * <p>The extension resolves test and lifecycle method parameters of type {@link DevBroker}.
 *
 * <p>Tests of TLS and SASL settings use {@link #securedBroker()}: a second shared broker, started on first
 * use, with SASL_SSL, SSL (mutual TLS) and SASL_PLAINTEXT listeners next to its plaintext one
 * ({@code securedBroker().security().orElseThrow()} has their addresses, user, password and trust store).
 */
public final class EmbeddedKafka implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafka.class);
    private static final Object LOCK = new Object();
    private static DevBroker shared;
    private static DevBroker secured;
    private static boolean hookRegistered;

    /** Creates the extension; JUnit does this for {@code @ExtendWith(EmbeddedKafka.class)}. */
    public EmbeddedKafka() {
    }

    /**
     * The shared broker of this JVM, started on first use.
     *
     * @return the running broker
     * @throws IllegalStateException if it cannot start
     */
    public static DevBroker broker() {
        synchronized (LOCK) {
            if (shared == null) {
                QuietLogging.apply(QuietLogging.SERVER_LOGGERS);
                shared = DevBroker.startOnFreePort();
                registerHook();
            }
            return shared;
        }
    }

    /**
     * The shared broker with secured listeners of this JVM, started on first use (a few seconds more than
     * {@link #broker()}: it makes a CA and certificates, and the SCRAM user). Stopped with the shared broker.
     *
     * @return the running broker; its {@link DevBroker#security()} is present
     * @throws IllegalStateException if it cannot start
     */
    public static DevBroker securedBroker() {
        synchronized (LOCK) {
            if (secured == null) {
                QuietLogging.apply(QuietLogging.SERVER_LOGGERS);
                secured = DevBroker.start(DevBroker.Options.defaults().withPort(0)
                        .withSecureListeners(faust.devbroker.SecureListeners.allOnFreePorts()));
                registerHook();
            }
            return secured;
        }
    }

    private static void registerHook() {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedKafka::stopShared,
                    "faust-embedded-kafka-shutdown"));
            hookRegistered = true;
        }
    }

    /**
     * The bootstrap servers of the shared broker, starting it on first use.
     *
     * @return {@code localhost:PORT}
     */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * A fresh name for a topic, group, or transactional id: {@code prefix-} followed by a short random suffix.
     *
     * @param prefix what the name is for, such as {@code "orders"}
     * @return for example {@code orders-3f9a1c07}
     */
    public static String uniqueName(String prefix) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return prefix == null || prefix.isEmpty() ? suffix : prefix + "-" + suffix;
    }

    /**
     * Creates a topic on the shared broker and waits until every partition answers a ListOffsets request,
     * so that an idempotent producer writing to it at once cannot lose its first batch (KAFKA-15591:
     * NOT_LEADER for the first batch, a later one accepted, then OutOfOrderSequenceException forever).
     *
     * @param name topic name
     * @param partitions partitions
     * @throws IllegalStateException when the topic was not created and ready within 30 seconds
     */
    public static void createTopic(String name, int partitions) {
        java.util.Map<String, Object> config = java.util.Map.of("bootstrap.servers", bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config)) {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions,
                    (short) 1))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> query =
                    new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                query.put(new org.apache.kafka.common.TopicPartition(name, p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.listOffsets(query).all().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + name + " did not become ready within 30 s", e);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the shared brokers if they run; the next use starts new ones. */
    private static void stopShared() {
        DevBroker broker;
        DevBroker securedBroker;
        synchronized (LOCK) {
            broker = shared;
            shared = null;
            securedBroker = secured;
            secured = null;
        }
        if (broker != null) {
            broker.close();
        }
        if (securedBroker != null) {
            securedBroker.close();
        }
    }

    /**
     * Starts the shared broker (if needed) and arranges for it to stop when the test engine is done.
     *
     * @param context the container's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        broker();
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedBrokerStopper.class,
                key -> new SharedBrokerStopper(), SharedBrokerStopper.class);
    }

    /**
     * Whether the parameter is a {@link DevBroker}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return {@code true} for {@link DevBroker} parameters
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DevBroker.class;
    }

    /**
     * The shared broker.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the shared {@link DevBroker}
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }

    /** Kept in the root store: JUnit closes it when the engine finishes, which stops the shared broker. */
    private static final class SharedBrokerStopper implements AutoCloseable {
        @Override
        public void close() {
            stopShared();
        }
    }
}
