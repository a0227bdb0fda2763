package faust.internal;

import faust.codecs.CodecException;
import faust.codecs.internal.json.PyFloat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a windowed table lays out its partition store, and its changelog keys.
 *
 * <p>Store keys (all big-endian, so the store's unsigned byte order is the order wanted):
 * <ul>
 *   <li>a window: {@code [key length: 4][key bytes][window start: 8, sign bit flipped]} — sorted by key (length,
 *       then bytes), then by window start, so the windows of one key are one range scan;</li>
 *   <li>the sweep's watermark: {@code [0xFF]['m']closed}, 8 bytes: windows ending at or before it are closed;</li>
 *   <li>the partition's table time: {@code [0xFF]['m']time}, 8 bytes: the newest time its updates used.</li>
 * </ul>
 * Window keys start with 0x00 (keys are shorter than 16 MiB), the others with 0xFF: they never mix.
 *
 * <p>Values are the table's value bytes; a sliding window's value starts with the newest record time in the
 * window ({@code [max record time: 8][value bytes]}, as Kafka Streams' timestamped window stores), which
 * {@link SlidingWindows} needs to derive new windows.
 *
 * <p>Changelog keys are Faust's {@code [key,[start,end]]}, the key as the table's JSON, the window in float
 * seconds with {@code end = start + size - 0.1} ({@code end = start + time difference} for sliding windows).
 * A sliding window's changelog value is the table's value bytes alone; its newest record time travels in the
 * record header {@value #MAX_TIME_HEADER} (decimal epoch ms).
 */
public final class WindowStoreKeys {
    private static final byte META = (byte) 0xFF;
    private static final byte[] WATERMARK = {META, 'm', 'c', 'l', 'o', 's', 'e', 'd'};
    private static final byte[] STREAM_TIME = {META, 'm', 't', 'i', 'm', 'e'};
    private static final byte[] DATA_TO = {META};

    /** The changelog record header of a sliding window's newest record time (decimal epoch ms). */
    public static final String MAX_TIME_HEADER = "faust-window-max-time";

    private WindowStoreKeys() {
    }

    /**
     * @param maxTime the newest record time in a sliding window
     * @param value the window's value bytes
     * @return the sliding window's store value
     */
    public static byte[] slidingValue(long maxTime, byte[] value) {
        byte[] out = new byte[8 + value.length];
        putLong(out, 0, maxTime);
        System.arraycopy(value, 0, out, 8, value.length);
        return out;
    }

    /** @param stored a sliding window's store value @return the newest record time in it */
    public static long maxTime(byte[] stored) {
        return getLong(stored, 0);
    }

    /**
     * @param spec the table's windows
     * @param stored a window's store value
     * @return its value bytes (a sliding window's without its newest record time)
     */
    public static byte[] payload(WindowSpec spec, byte[] stored) {
        return spec != null && spec.sliding() ? Arrays.copyOfRange(stored, 8, stored.length) : stored;
    }

    /**
     * @param key the table key's bytes
     * @param start the window start (ms)
     * @return the window's store key
     */
    public static byte[] window(byte[] key, long start) {
        byte[] out = new byte[4 + key.length + 8];
        putInt(out, 0, key.length);
        System.arraycopy(key, 0, out, 4, key.length);
        putLong(out, 4 + key.length, start ^ Long.MIN_VALUE);
        return out;
    }

    /** @param storeKey a store key @return whether it is a window (not the watermark) */
    public static boolean isWindow(byte[] storeKey) {
        return storeKey.length >= 12 && storeKey[0] != META;
    }

    /** @param windowKey a window's store key @return the table key's bytes */
    public static byte[] key(byte[] windowKey) {
        int n = getInt(windowKey, 0);
        return Arrays.copyOfRange(windowKey, 4, 4 + n);
    }

    /** @param windowKey a window's store key @return the window start (ms) */
    public static long start(byte[] windowKey) {
        return getLong(windowKey, windowKey.length - 8) ^ Long.MIN_VALUE;
    }

    /** @param key a table key's bytes @return the first store key of its windows (inclusive) */
    public static byte[] keyFrom(byte[] key) {
        byte[] out = new byte[4 + key.length];
        putInt(out, 0, key.length);
        System.arraycopy(key, 0, out, 4, key.length);
        return out;
    }

    /** @param key a table key's bytes @return the store key after its windows (exclusive) */
    public static byte[] keyTo(byte[] key) {
        byte[] out = window(key, Long.MAX_VALUE);
        return Arrays.copyOf(out, out.length + 1); // right after the last possible window of the key
    }

    /** @return the store key after every window (exclusive end of a scan of all windows) */
    public static byte[] windowsTo() {
        return DATA_TO.clone();
    }

    /** @return the key of the partition's table time (the newest time its updates used) */
    public static byte[] streamTime() {
        return STREAM_TIME.clone();
    }

    /** @return the key of the sweep's watermark */
    public static byte[] watermark() {
        return WATERMARK.clone();
    }

    /** @param v a watermark's 8 bytes @return the watermark, or {@link Long#MIN_VALUE} for null */
    public static long decodeLong(byte[] v) {
        return v == null || v.length != 8 ? Long.MIN_VALUE : getLong(v, 0);
    }

    /** @param v a watermark @return its 8 bytes */
    public static byte[] encodeLong(long v) {
        byte[] out = new byte[8];
        putLong(out, 0, v);
        return out;
    }

    /**
     * @param json the table key as JSON
     * @param start the window start (ms)
     * @param spec the windows
     * @return Faust's changelog key {@code [key,[start,end]]}
     */
    public static byte[] changelogKey(byte[] json, long start, WindowSpec spec) {
        byte[] s = PyFloat.repr(WindowSpec.seconds(start)).getBytes(StandardCharsets.US_ASCII);
        byte[] e = PyFloat.repr(spec.faustEnd(start)).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[json.length + s.length + e.length + 6];
        int i = 0;
        out[i++] = '[';
        System.arraycopy(json, 0, out, i, json.length);
        i += json.length;
        out[i++] = ',';
        out[i++] = '[';
        System.arraycopy(s, 0, out, i, s.length);
        i += s.length;
        out[i++] = ',';
        System.arraycopy(e, 0, out, i, e.length);
        i += e.length;
        out[i++] = ']';
        out[i] = ']';
        return out;
    }

    /**
     * A changelog key read back: the key's JSON as written (Python's or ours) and the window start.
     *
     * @param json the table key's JSON bytes
     * @param start the window start (ms, rounded from Faust's float seconds)
     */
    public record Parsed(byte[] json, long start) {
    }

    /**
     * @param changelogKey Faust's {@code [key,[start,end]]}
     * @return its key JSON and window start
     * @throws CodecException when it is not in that form
     */
    public static Parsed parseChangelogKey(byte[] changelogKey) {
        int n = changelogKey.length;
        int end = n - 1;
        while (end >= 0 && isSpace(changelogKey[end])) {
            end--;
        }
        int open = -1;
        for (int i = end - 1; i > 0; i--) {
            if (changelogKey[i] == '[') {
                open = i;
                break;
            }
        }
        if (n == 0 || changelogKey[0] != '[' || end < 1 || changelogKey[end] != ']' || open < 0) {
            throw notWindowKey(changelogKey);
        }
        int comma = open - 1;
        while (comma > 0 && isSpace(changelogKey[comma])) {
            comma--;
        }
        if (comma <= 1 || changelogKey[comma] != ',') {
            throw notWindowKey(changelogKey);
        }
        String window = new String(changelogKey, open + 1, end - open - 1, StandardCharsets.US_ASCII);
        int close = window.indexOf(']');
        int sep = window.indexOf(',');
        if (close < 0 || sep < 0 || sep > close) {
            throw notWindowKey(changelogKey);
        }
        double startSeconds;
        try {
            startSeconds = Double.parseDouble(window.substring(0, sep).trim());
        } catch (NumberFormatException e) {
            throw notWindowKey(changelogKey);
        }
        int from = 1;
        int to = comma;
        while (from < to && isSpace(changelogKey[from])) {
            from++;
        }
        while (to > from && isSpace(changelogKey[to - 1])) {
            to--;
        }
        return new Parsed(Arrays.copyOfRange(changelogKey, from, to), Math.round(startSeconds * 1000));
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static CodecException notWindowKey(byte[] key) {
        return new CodecException("changelog key " + new String(key, StandardCharsets.UTF_8)
                + " is not a window key [key,[start,end]]");
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
