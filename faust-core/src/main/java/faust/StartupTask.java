package faust;

/**
 * A task run once per worker start, when the worker is first ready (partitions assigned, tables recovered),
 * on a virtual thread of its own.
 *
 * @param name the task's name, for logs
 * @param task what to run; an exception is logged with the task's name
 * @param onLeader run only when this worker is the leader at that moment (a worker that becomes the leader
 *     later does not run it)
 */
public record StartupTask(String name, Task task, boolean onLeader) implements Schedule {
}
