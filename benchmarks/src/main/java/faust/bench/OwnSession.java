package faust.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the broker and every case JVM in a session of its own ({@code setsid}), as {@code bin/faust} starts its
 * worker's JVM. With the kernel's autogroup scheduling ({@code /proc/sys/kernel/sched_autogroup_enabled}), CPU
 * time is shared out per session first: on a busy machine a worker alone in its session got its own share while
 * an in-process case shared the harness's with the broker, which made the {@code bin/faust} cases look slower
 * or faster for reasons that have nothing to do with them. Each contender in its own session makes them equal.
 * {@code setsid} execs without forking (the child of a JVM is no process-group leader), so the pid stays the one
 * the harness samples.
 */
final class OwnSession {
    private static final String SETSID = find();

    private OwnSession() {
    }

    private static String find() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /**
     * @param cmd a command line
     * @return it, run through {@code setsid} when there is one
     */
    static List<String> of(List<String> cmd) {
        if (SETSID == null) {
            return cmd;
        }
        List<String> out = new ArrayList<>(cmd.size() + 1);
        out.add(SETSID);
        out.addAll(cmd);
        return out;
    }

    /** @return how the harness starts its processes, for the JSON */
    static String describe() {
        return SETSID == null ? "harness session (no setsid)" : "own session each (setsid)";
    }
}
