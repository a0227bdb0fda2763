/**
 * The supported, small service-provider interface for Faust's own tools: {@code faust-cli} (settings from
 * CLI flags, a standalone producer, creating a topic: {@link faust.spi.Apps}) and {@code faust-testkit} (running
 * one agent on the runtime's own code without Kafka: {@link faust.spi.AgentHarness}, sends captured by a
 * {@link faust.spi.RecordSender}). Tests and benchmarks that run apps the way the CLI does use it too.
 * Not for application code; it may change between minor versions, together with those tools.
 */
package faust.spi;
