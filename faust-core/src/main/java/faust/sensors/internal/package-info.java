/**
 * The worker's sensors on Micrometer: {@code Sensors} (the registry, Prometheus and statsd/Datadog exporters,
 * the meters), the sources the runtime hands in ({@code AgentSource}, {@code PartitionSource},
 * {@code TableSource}, {@code SendSource}), the meters it updates itself ({@code SendMeters},
 * {@code CommitMeters}, {@code RebalanceMeters}, {@code ErrorLog}), and the one-second {@code Sampler} whose
 * history feeds the status document and the dashboard ({@code StatsJson}).
 *
 * <p>Depends on no other runtime package (agents, tables, transport and worker depend on it), so the ArchUnit
 * rule "no cycles between concerns" holds.
 */
package faust.sensors.internal;
