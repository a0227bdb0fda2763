package faust.worker.internal;

import faust.ConfigException;
import faust.Setting;
import faust.Settings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The worker's data directory, held with an exclusive lock while the worker runs. */
public final class Datadir implements AutoCloseable {
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private Datadir(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param settings resolved settings
     * @param appId the app id ({@code {id}} in the setting)
     * @param workdir base of a relative datadir
     * @return the absolute datadir
     */
    public static Path resolve(Settings settings, String appId, Path workdir) {
        Path p = Path.of(settings.text(Setting.DATADIR).replace("{id}", appId));
        return (p.isAbsolute() ? p : workdir.resolve(p)).normalize();
    }

    /**
     * @param datadir the datadir
     * @param settings resolved settings
     * @return {@code <datadir>/v<version>}
     */
    public static Path appdir(Path datadir, Settings settings) {
        return datadir.resolve("v" + settings.integer(Setting.VERSION));
    }

    /**
     * The worker's id, made once per data directory and kept in {@code <datadir>/worker-id}: a worker restarted on
     * the same data directory is the same worker (its transactional id under exactly-once is the same, so its
     * start aborts what it left open).
     *
     * @param datadir the datadir (held by this worker)
     * @return the id
     * @throws ConfigException when the file cannot be read or written
     */
    public static String workerId(Path datadir) {
        Path file = datadir.resolve("worker-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = java.util.UUID.randomUUID().toString();
            Files.createDirectories(datadir);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new ConfigException("cannot read or write " + file + " (" + e.getMessage()
                    + "): give the worker a writable --datadir");
        }
    }

    /**
     * Creates the directory and takes its lock.
     *
     * @param dir the datadir
     * @return the held datadir
     * @throws ConfigException naming {@code --datadir} when another worker holds it or it cannot be made
     */
    public static Datadir lock(Path dir) {
        return lock(dir, ProcessHandle.current().pid());
    }

    /**
     * Creates the directory and takes its lock, writing {@code pid} into the lock file for the message a
     * second worker shows (the launcher's pid under {@code bin/faust}: the one to signal).
     *
     * @param dir the datadir
     * @param pid the pid to name as the holder
     * @return the held datadir
     * @throws ConfigException naming {@code --datadir} when another worker holds it or it cannot be made
     */
    public static Datadir lock(Path dir, long pid) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("cannot create datadir " + dir + " (" + e.getMessage()
                    + "): give a writable --datadir");
        }
        Path lockFile = dir.resolve("worker.lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock l = ch.tryLock();
            if (l == null) {
                String holder = readHolder(lockFile);
                ch.close();
                throw new ConfigException("datadir " + dir + " is in use by another worker" + holder
                        + ": give each worker its own --datadir");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new Datadir(dir, ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new ConfigException("datadir " + dir + " is in use by another worker in this process: give each"
                    + " worker its own --datadir");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ConfigException("cannot lock datadir " + dir + " (" + e.getMessage()
                    + "): give a writable --datadir");
        }
    }

    private static String readHolder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(channel);
    }
}
