package faust;

import java.time.Duration;

/**
 * A task run every {@code interval} while the worker runs (after it is ready).
 *
 * @param name the timer's name, for logs
 * @param interval time between runs
 * @param task what to run; an exception is logged and the timer goes on
 */
public record Timer(String name, Duration interval, Runnable task) {
}
