/**
 * Running agents: {@code AgentRunner} (instances on virtual threads, restarts, error policy), the bounded
 * {@code AgentBuffer} shared by an agent's instances, {@code StreamImpl} (the blocking iterator an agent loops
 * over, and what it owns), {@code Delivery} (one message, reference-counted across the agents that get it),
 * {@code PartitionTracker} (per-partition ack bookkeeping and the commit point), {@code Intake} (decode once per
 * topic type and hand over, shared by the worker's fetcher and the testkit) and {@code ErrorPolicy}. No Kafka
 * types here.
 *
 * <p>Stream operators: {@code ChainStream} (the immutable chain the operators build on an instance's root
 * stream), {@code Op} (one step), {@code Pipeline} (the chain cut into stages at {@code groupBy}/{@code through}:
 * stage {@code i} reads the topic stage {@code i-1} sends to), {@code Cursor} (runs the stages on the agent's
 * thread), {@code Batches} ({@code take}), {@code NoackEvent} and {@code EventView} (events as the loop gets them),
 * {@code StreamTopics} (the topics an agent reads, its own and those its stream declared; the worker or the
 * testkit creates and subscribes them). Acknowledgement rules: an event is acked when the loop moved past its last
 * value; at once when no value reached the loop; after the broker acked what {@code groupBy}/{@code through} sent
 * for it; after the loop moved past its {@code take} batch; by the user in a {@code noack()} stream. The topics a
 * stream declares are known only once the agent function runs: the worker starts the agents first and waits for
 * their loops (see docs/architecture.md), and subscribes to a topic declared later when it is declared.
 */
package faust.agents.internal;
