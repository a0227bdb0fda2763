/** JUnit Jupiter support: {@link faust.devbroker.junit.EmbeddedKafka}, a Kafka broker shared by a test JVM. */
package faust.devbroker.junit;
