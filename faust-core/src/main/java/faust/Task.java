package faust;

/**
 * What a timer, a crontab, a start-up task or a lifecycle hook runs. It may throw: a timer's or a crontab's
 * exception is logged with its name and the schedule goes on.
 */
@FunctionalInterface
public interface Task {
    /**
     * Runs it.
     *
     * @throws Exception anything; logged with the task's name
     */
    void run() throws Exception;
}
