/**
 * The benchmark cases: pass-through, count, latency and lifecycle, for Faust, raw kafka-clients and Kafka Streams.
 */
package faust.bench.cases;
