package faust;

/**
 * A key of a windowed table together with one of its windows, as Faust's {@code (key, (start, end))}: what
 * {@link WindowedTable#onWindowClose} callbacks and changelog events of a windowed table get.
 *
 * @param key the table key
 * @param window the window
 * @param <K> key type
 */
public record Windowed<K>(K key, WindowRange window) {
}
