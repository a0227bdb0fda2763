package faust.worker.internal;

import java.nio.file.Path;

/** Holds the worker's data directory locked while it runs (a second worker on it is refused). */
public final class DatadirService implements Service {
    private final Path dir;
    private final long pid;
    private Datadir held;

    /**
     * @param dir the datadir
     * @param pid the pid named in the lock file (the launcher's under {@code bin/faust})
     */
    public DatadirService(Path dir, long pid) {
        this.dir = dir;
        this.pid = pid;
    }

    @Override
    public String name() {
        return "datadir";
    }

    @Override
    public void start() {
        held = Datadir.lock(dir, pid);
    }

    @Override
    public boolean stop(Shutdown shutdown) {
        if (held != null) {
            held.close();
        }
        return true;
    }
}
