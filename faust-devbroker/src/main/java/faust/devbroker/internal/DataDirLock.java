package faust.devbroker.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a dev broker's data directory, held for as long as the broker runs, in the file
 * {@value #FILE} (Kafka loads only sub-directories of a log directory, so the file does not disturb it).
 * Acquiring it also checks that no other Kafka holds the directory's own {@code .lock}.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file's name inside the data directory. */
    public static final String FILE = ".faust-devbroker.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} or throws {@link IllegalStateException}
     * {@code "data dir DIR is in use by another Kafka broker"}.
     */
    public static DataDirLock acquire(Path dir) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(dir);
            }
            DataDirLock result = new DataDirLock(channel, lock);
            channel = null;
            try {
                checkKafkaLockIsFree(dir);
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock data dir " + dir + ": " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private static void checkKafkaLockIsFree(Path dir) throws IOException {
        Path kafkaLock = dir.resolve(".lock");
        try (FileChannel channel = FileChannel.open(kafkaLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(dir);
            }
            lock.release();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this JVM
        }
    }

    private static IllegalStateException inUse(Path dir) {
        return new IllegalStateException("data dir " + dir + " is in use by another Kafka broker");
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
