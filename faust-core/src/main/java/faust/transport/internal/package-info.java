/**
 * The Kafka transport, the only package that uses the Kafka clients: the fetcher (the worker's one consumer:
 * {@code Fetcher}, {@code Dispatcher}, {@code FlowControl}, {@code Rebalance}), commits ({@code Committer} decides
 * when and what, a {@code CommitStrategy} how: {@code AtLeastOnceCommits} today, a transactional one for
 * exactly-once, issue 13), the producer ({@code KafkaSender}), the changelog reader, the partition assignor,
 * topic administration, and the two seams: {@code KafkaClients} (makes every client; mocks in unit tests) and
 * {@code ClientConfigs} (every client config built from settings in one place: TLS/SASL and arbitrary client
 * properties, issue 16, are added there once). A reply consumer for RPC (issue 10) is a second consumer made
 * by {@code KafkaClients} and run as its own worker service.
 */
package faust.transport.internal;
