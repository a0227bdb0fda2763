package faust.cli.internal;

import faust.StopMode;
import faust.worker.Worker;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals of long-running commands (the one place that uses {@code sun.misc.Signal}). For the worker:
 * TERM and INT start a warm shutdown (a second one turns it cold), USR2 a cold one ({@code bin/faust}
 * turns QUIT into USR2: the JVM keeps QUIT for itself), USR1 dumps every thread to stderr. {@link #close}
 * puts the previous handlers back.
 */
final class SignalHandlers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private SignalHandlers() {
    }

    /**
     * @param worker the worker to stop
     * @param err where thread dumps go
     * @return the installed handlers
     */
    static SignalHandlers install(Worker worker, PrintWriter err) {
        SignalHandlers handlers = new SignalHandlers();
        AtomicInteger stops = new AtomicInteger();
        SignalHandler stop = signal -> {
            if (stops.getAndIncrement() == 0) {
                LOG.info("SIG{} received: warm shutdown (TERM or INT again to stop at once)", signal.getName());
                worker.stop(StopMode.WARM);
            } else {
                LOG.warn("SIG{} received again: cold shutdown", signal.getName());
                worker.stop(StopMode.COLD);
            }
        };
        handlers.handle("TERM", stop);
        handlers.handle("INT", stop);
        handlers.handle("USR2", signal -> {
            LOG.warn("SIGUSR2 received (QUIT through the launcher): cold shutdown");
            worker.stop(StopMode.COLD);
        });
        handlers.handle("USR1", signal -> {
            synchronized (err) {
                err.println(worker.threadDump());
                err.flush();
            }
        });
        return handlers;
    }

    /**
     * For commands that just run until told to stop ({@code faust broker}).
     *
     * @param stop what TERM and INT do
     * @return the installed handlers
     */
    static SignalHandlers onStop(Runnable stop) {
        SignalHandlers handlers = new SignalHandlers();
        handlers.handle("TERM", signal -> stop.run());
        handlers.handle("INT", signal -> stop.run());
        return handlers;
    }

    private void handle(String name, SignalHandler handler) {
        try {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, handler));
        } catch (IllegalArgumentException e) {
            LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
        }
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot restore SIG{}: {}", signal.getName(), e.getMessage());
            }
        });
        previous.clear();
    }
}
