package faust.codecs.internal.wire;

/**
 * A windowed table's changelog key as Faust writes it: {@code [key,[start,end]]}, the window in float
 * seconds, {@code end = start + size - 0.1} (Faust's {@code WindowRange_from_start}).
 *
 * @param key the table key
 * @param start window start, seconds since the epoch
 * @param end window end, seconds since the epoch ({@code start + size - 0.1})
 * @param <K> the table key type
 */
public record WindowKey<K>(K key, double start, double end) {
    /**
     * @param key the table key
     * @param start window start in seconds
     * @param size window size in seconds
     * @param <K> the table key type
     * @return the key of the window starting at {@code start}, its end computed as Faust computes it
     */
    public static <K> WindowKey<K> fromStart(K key, double start, double size) {
        return new WindowKey<>(key, start, start + size - 0.1);
    }

    /** @return the start in milliseconds (rounded) */
    public long startMillis() {
        return Math.round(start * 1000);
    }
}
