package faust.stores;

import java.util.Iterator;

/**
 * An iterator over a store that may hold native resources (a RocksDB iterator and its snapshot) until it
 * is closed. Use it in try-with-resources; it also closes itself once {@link #hasNext()} returns false,
 * and it is closed when its store is closed.
 *
 * @param <T> element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases the iterator's resources; calling it again does nothing. Never throws a checked exception. */
    @Override
    void close();
}
