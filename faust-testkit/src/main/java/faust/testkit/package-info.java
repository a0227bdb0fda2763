/**
 * Unit-testing Faust apps without Kafka: {@link faust.testkit.AgentTester} runs one agent of an app on
 * virtual threads as a worker would, feeds it values, captures everything the app sends, and lists the
 * events the agent failed on.
 */
package faust.testkit;
