/**
 * A real single-node Apache Kafka broker for development and tests.
 *
 * <ul>
 *   <li>{@link faust.devbroker.DevBroker} — a KRaft broker (broker and controller in one node) in this JVM;</li>
 *   <li>{@link faust.devbroker.DevBrokerMain} — runs one in the foreground of its own process;</li>
 *   <li>{@link faust.devbroker.DetachedBroker} — starts, finds and stops such a process kept under
 *       {@code ${FAUST_HOME:-~/.faust}/dev-broker}, and tells whether a broker answers at an address;</li>
 *   <li>{@link faust.devbroker.junit.EmbeddedKafka} — one shared broker per test JVM for integration
 *       tests.</li>
 * </ul>
 */
package faust.devbroker;
