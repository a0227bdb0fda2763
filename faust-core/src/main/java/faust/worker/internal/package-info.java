/**
 * The worker's parts: the {@code Service} contract and the services of its boot plan (datadir, topics,
 * producer, web, banner, tables, blocking detector, agents, consumer, timers), {@code Shutdown} (mode and
 * deadline), {@code Readiness}, {@code StatusReport} (banner and status document), {@code Collaborators} (Kafka
 * clients factory and clock, replaced in tests), and helpers (datadir, thread dumps, table routes, reset).
 *
 * <p>A new concern is a new {@code Service} added to {@code Worker}'s boot plan at its place in DESIGN §4:
 * sensors first (issue 15; it also joins {@code Collaborators}), leader election, a scheduler for timers,
 * crontabs and tasks, lifecycle hooks (issue 14) after the timers, a reply consumer (issue 10) beside the
 * consumer.
 */
package faust.worker.internal;
