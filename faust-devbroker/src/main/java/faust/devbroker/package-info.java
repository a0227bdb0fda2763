/**
 * A real single-node Apache Kafka broker for development and tests.
 *
 * <ul>
 *   <li>{@link faust.devbroker.DevBroker} — a KRaft broker (broker and controller in one node) in this JVM;</li>
 *   <li>{@link faust.devbroker.DevBrokerMain} — runs one in the foreground of its own process;</li>
 *   <li>{@link faust.devbroker.DetachedBroker} — starts, finds and stops such a process kept under
 *       {@code ${FAUST_HOME:-~/.faust}/dev-broker}, and tells whether a broker answers at an address;</li>
 *   <li>{@link faust.devbroker.SecureListeners} — SASL_SSL, SSL and SASL_PLAINTEXT listeners a broker can
 *       open as well, with a CA, certificates and a user made on the fly; {@link faust.devbroker.ClientSecurity}
 *       — what a client needs to connect to them;</li>
 *   <li>{@link faust.devbroker.junit.EmbeddedKafka} — one shared broker per test JVM for integration
 *       tests, and one with secured listeners.</li>
 * </ul>
 */
package faust.devbroker;
