package faust.cli.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under {@code bin/faust} the JVM is the launcher's child. If the launcher is KILLed the JVM would run on
 * as an orphan; this watch notices that its parent is gone and halts the JVM at once, without shutdown
 * hooks or commits, exactly as if it had been KILLed itself (its unacknowledged work is redone elsewhere),
 * after KILLing the subprocesses its agents started (the launcher can no longer kill its process group).
 */
final class LauncherWatch {
    private static final Logger LOG = LoggerFactory.getLogger(LauncherWatch.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** How often the parent is checked: the JVM halts at most this long after the launcher died. */
    private static final long PERIOD_MS = 100;
    /** What a KILLed process reports: 128 + 9. */
    private static final int KILLED = 137;

    private LauncherWatch() {
    }

    /**
     * Starts watching when this JVM runs under the launcher ({@code -Dfaust.launcher=1} and
     * {@code FAUST_LAUNCHER_PID} is its parent); otherwise does nothing.
     *
     * @param context the environment
     */
    static void start(Context context) {
        if (!"1".equals(System.getProperty("faust.launcher"))) {
            return;
        }
        long launcher = context.pid();
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != launcher || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("faust-launcher-watch").start(() -> watch(launcher));
    }

    private static void watch(long launcher) {
        while (true) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            Optional<ProcessHandle> parent = ProcessHandle.current().parent();
            if (parent.isEmpty() || parent.get().pid() != launcher || !parent.get().isAlive()) {
                LOG.error("the launcher (pid {}) is gone: halting without a shutdown, as if KILLed", launcher);
                Subprocesses.kill(); // no orphans: the launcher cannot kill its process group any more
                Runtime.getRuntime().halt(KILLED);
            }
        }
    }
}
