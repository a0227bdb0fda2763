package faust.worker.internal;

/**
 * One part of a running worker (the producer, the web server, the consumer, the agents...). The worker
 * starts its services in the order of its boot plan and stops those that started in reverse order; a new
 * concern (a reply consumer, a leader elector, a sensors registry, a scheduler) is a new service in that
 * plan, not new code in the worker.
 *
 * <p>Services are made before the worker starts, with what they need from the services started before them
 * passed as suppliers or references (read in {@link #start()}, not in the constructor).
 */
public interface Service {
    /**
     * A service with only a start step (e.g. printing the banner).
     *
     * @param name its name
     * @param start what it does
     * @return the service
     */
    static Service step(String name, Runnable start) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                start.run();
            }

            @Override
            public boolean stop(Shutdown shutdown) {
                return true;
            }
        };
    }

    /** @return its name, for logs */
    String name();

    /**
     * Starts it; returns once it runs.
     *
     * @throws faust.FaustException (or {@link faust.ConfigException}) with one line saying what to change;
     *     the worker then stops the services already started
     */
    void start();

    /**
     * The worker began stopping, or a stronger stop took over (COLD during WARM): cut waits short if the
     * mode asks for it. Called for every started service, in no particular order, from the thread that
     * asked for the stop; must return at once.
     *
     * @param shutdown the mode now in force and the deadline
     */
    default void stopping(Shutdown shutdown) {
    }

    /**
     * Stops it, waiting at most until the shutdown's deadline (plus what the service documents). Called on
     * the stopper thread, in reverse boot order.
     *
     * @param shutdown the mode (may get stronger meanwhile) and the deadline
     * @return true when it stopped cleanly; false when something was left running (the worker reports it and
     *     exits with status 4)
     * @throws InterruptedException when the stopper is interrupted
     */
    boolean stop(Shutdown shutdown) throws InterruptedException;

    /** @return what was left running when {@link #stop} returned false, for the log ("" when nothing) */
    default String leftRunning() {
        return "";
    }
}
