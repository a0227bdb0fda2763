package faust.cli.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under {@code bin/faust} the JVM is the launcher's child. If the launcher is KILLed the JVM would run on
 * as an orphan; this watch notices that its parent is gone and halts the JVM at once, without shutdown
 * hooks or commits, exactly as if it had been KILLed itself (its unacknowledged work is redone elsewhere),
 * after KILLing the subprocesses its agents started (the launcher can no longer kill its process group). A
 * launcher already gone when the watch starts (KILLed while the JVM was starting) halts the JVM at once too.
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
        if (launcher == ProcessHandle.current().pid()) {
            return; // FAUST_LAUNCHER_PID not set: not started by bin/faust after all
        }
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        if (!launcherAlive(launcher)) {
            // KILLed while this JVM was starting (a restart loop on a loaded machine): without this the JVM
            // would run on as an orphan, holding the datadir a new worker needs
            gone(launcher);
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
            if (!launcherAlive(launcher)) {
                gone(launcher);
            }
        }
    }

    /** @return whether this JVM's parent is still the launcher (bin/faust runs the JVM as its direct child) */
    private static boolean launcherAlive(long launcher) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return parent.isPresent() && parent.get().pid() == launcher && parent.get().isAlive();
    }

    private static void gone(long launcher) {
        LOG.error("the launcher (pid {}) is gone: halting without a shutdown, as if KILLed", launcher);
        Subprocesses.kill(); // no orphans: the launcher cannot kill its process group any more
        Runtime.getRuntime().halt(KILLED);
    }
}
