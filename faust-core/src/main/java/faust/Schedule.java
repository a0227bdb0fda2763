package faust;

/**
 * Work the worker runs by itself, outside agents: a {@link Timer} (every interval), a {@link Crontab} (at
 * the times of a cron expression) or a {@link StartupTask} (once, when the worker is ready). Each runs on a
 * virtual thread of its own, from the moment the worker is first ready (partitions assigned, tables
 * recovered) until it stops; a stop interrupts it and waits for it within the shutdown's bound.
 */
public sealed interface Schedule permits Timer, Crontab, StartupTask {
    /** @return its name, for logs */
    String name();

    /** @return what it runs */
    Task task();

    /**
     * @return whether it runs only on the leader: the one worker of the app that holds the leader topic
     *     {@code <id>-__assignor-__leader} ({@link App#isLeader()}), checked at every tick (once for a start-up
     *     task)
     */
    boolean onLeader();
}
