package faust.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's "no orphans" rule inside the JVM: processes that agents started (directly or through their
 * own children) are terminated when the worker stops, warm or cold, before the JVM exits; and killed when
 * the JVM halts because its launcher is gone. {@code bin/faust} kills what is left of its process group
 * after the JVM exited as well; this covers the JVM run without the launcher, and the launcher KILLed.
 *
 * <p>Descendants that detached themselves into a session of their own (the dev broker the worker may have
 * started, {@code setsid} services) are left alone: they are meant to outlive the worker.
 */
final class Subprocesses {
    private static final Logger LOG = LoggerFactory.getLogger(Subprocesses.class);
    /** Marker in the command line of the detached dev broker (see {@code DetachedBroker}). */
    private static final String DEV_BROKER_MARKER = "-Dfaust.devbroker.detached=true";
    private static final long POLL_MS = 10;

    private Subprocesses() {
    }

    /**
     * Sends TERM to this JVM's subprocesses, waits up to {@code grace} for them to end, then KILLs the rest.
     *
     * @param grace how long TERM may take; zero to KILL at once
     * @return how many processes were ended
     */
    static int terminate(Duration grace) {
        List<ProcessHandle> left = ours();
        if (left.isEmpty()) {
            return 0;
        }
        LOG.info("terminating {} subprocess{} left by agents: {}", left.size(), left.size() == 1 ? "" : "es",
                String.join(", ", left.stream().map(Subprocesses::describe).toList()));
        if (!grace.isZero()) {
            left.forEach(ProcessHandle::destroy);
            // polled: onExit() of a process that is not our child (double-forked) polls only once a second
            long deadline = System.nanoTime() + grace.toNanos();
            while (left.stream().anyMatch(Subprocesses::running) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        int killed = 0;
        for (ProcessHandle p : left) {
            if (running(p)) {
                p.destroyForcibly();
                killed++;
            }
        }
        if (killed > 0 && !grace.isZero()) {
            LOG.warn("{} subprocess{} did not end within {} ms of TERM: KILLed", killed, killed == 1 ? "" : "es",
                    grace.toMillis());
        }
        return left.size();
    }

    /** KILLs this JVM's subprocesses at once, logging nothing (the JVM is about to halt). */
    static void kill() {
        ours().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * @return living descendants of this JVM that did not detach themselves, deepest first; and when this
     *     JVM leads its own session (as {@code bin/faust} starts it), every other process of that session:
     *     those whose parent exited (the "double fork") are no descendants any more
     */
    static List<ProcessHandle> ours() {
        long self = ProcessHandle.current().pid();
        OptionalLong session = session(self);
        Stream<ProcessHandle> candidates = ProcessHandle.current().descendants();
        if (session.isPresent() && session.getAsLong() == self) {
            candidates = Stream.concat(candidates, ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != self && session(p.pid()).equals(session)));
        }
        return candidates
                .filter(Subprocesses::running)
                .filter(p -> !detached(p, session))
                .distinct()
                .sorted((a, b) -> Integer.compare(depth(b), depth(a)))
                .toList();
    }

    private static boolean detached(ProcessHandle p, OptionalLong ourSession) {
        if (ourSession.isPresent()) {
            OptionalLong theirs = session(p.pid());
            if (theirs.isPresent() && theirs.getAsLong() != ourSession.getAsLong()) {
                return true;
            }
        }
        Optional<String> command = p.info().commandLine();
        return command.isPresent() && command.get().contains(DEV_BROKER_MARKER);
    }

    private static int depth(ProcessHandle p) {
        int depth = 0;
        for (Optional<ProcessHandle> parent = p.parent(); parent.isPresent() && depth < 64;
                parent = parent.get().parent()) {
            depth++;
        }
        return depth;
    }

    /**
     * @param p a process
     * @return true while it runs: a zombie (dead, not yet reaped by its parent, which for an orphan is
     *     init, and some inits reap only now and then) does not
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        String[] stat = stat(p.pid());
        return stat == null || !stat[0].equals("Z");
    }

    /**
     * @param pid a process
     * @return its session id, where {@code /proc} tells it (Linux)
     */
    static OptionalLong session(long pid) {
        String[] stat = stat(pid);
        try {
            return stat == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(stat[3]));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** @return the fields of {@code /proc/<pid>/stat} after the command: state, ppid, pgrp, session, ... */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return fields.length > 3 ? fields : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + p.info().command().map(c -> " (" + Path.of(c).getFileName() + ")").orElse("");
    }
}
