/**
 * Sensors: what a running worker measures about itself, on <a href="https://micrometer.io">Micrometer</a>.
 * The meters' names are listed in {@link faust.sensors.Metrics} and described, with the matching field of
 * Python Faust's {@code Monitor}, in {@code docs/metrics.md}. A worker serves them in Prometheus' text format at
 * {@code GET /metrics}, sends them to statsd or Datadog when the {@code monitor} setting names one, summarises
 * them in the status document at {@code GET /} and draws them live at {@code GET /dashboard}.
 * {@code metrics_enabled=false} turns the sensors off.
 *
 * <p>The implementation ({@code faust.sensors.internal}) depends on no other part of the runtime: the runtime
 * hands it what it counts anyway (the partitions' ack bookkeeping, the agents' streams, the producer's own
 * counters), and the meters read those when they are read. On the path of every event only a sample of the
 * events' durations is timed.
 */
package faust.sensors;
