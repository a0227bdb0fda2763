package faust;

import java.time.Duration;

/**
 * A task run every {@code interval} while the worker runs, the first time one interval after the worker is
 * ready. A run still going when the next tick comes is not started twice: the tick is skipped (and logged).
 *
 * @param name the timer's name, for logs
 * @param interval time between runs
 * @param task what to run; an exception is logged with the timer's name and the timer goes on
 * @param onLeader run only while this worker is the leader (checked at every tick)
 */
public record Timer(String name, Duration interval, Task task, boolean onLeader) implements Schedule {
}
