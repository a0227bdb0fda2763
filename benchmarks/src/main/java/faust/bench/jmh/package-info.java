/**
 * JMH micro-benchmarks of the runtime's hot paths (hand-off to agents, ack bookkeeping), no broker.
 */
package faust.bench.jmh;
