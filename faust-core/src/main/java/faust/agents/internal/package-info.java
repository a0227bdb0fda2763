/**
 * Running agents: {@code AgentRunner} (instances on virtual threads, restarts, error policy), the bounded
 * {@code AgentBuffer} shared by an agent's instances, {@code StreamImpl} (the blocking iterator an agent loops
 * over), {@code Delivery} (one message, reference-counted across the agents that get it), {@code PartitionTracker}
 * (per-partition ack bookkeeping and the commit point), {@code Intake} (decode once per topic type and hand
 * over, shared by the worker's fetcher and the testkit) and {@code ErrorPolicy}. No Kafka types here.
 *
 * <p>Issue 10 plugs in here: stream operators wrap {@code StreamImpl}; isolated partitions make one runner per
 * partition; agents over several topics give {@code Intake} more routes; sinks are a send after each event.
 */
package faust.agents.internal;
