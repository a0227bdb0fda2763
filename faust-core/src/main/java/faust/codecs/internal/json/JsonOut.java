package faust.codecs.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON bytes as Python's {@code json.dumps(..., separators=(",", ":"))} does: text with
 * {@code ensure_ascii} (every character outside space..tilde as a lower-case {@code \\uXXXX}, surrogate
 * pairs for characters beyond the BMP, short escapes for {@code \\n \\r \\t \\b \\f \\" \\\\}), or, with
 * {@code ascii} off, non-ASCII text as UTF-8 (Faust with orjson).
 */
public final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private final boolean ascii;
    private byte[] buf;
    private int pos;

    /**
     * @param ascii true for Python's {@code ensure_ascii} (the default), false to write UTF-8 as orjson
     * @param capacity initial buffer size
     */
    public JsonOut(boolean ascii, int capacity) {
        this.ascii = ascii;
        this.buf = new byte[Math.max(16, capacity)];
    }

    /** @return whether non-ASCII text is escaped */
    public boolean ascii() {
        return ascii;
    }

    /** @return the bytes written */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** @param b one byte, written as it is */
    public void raw(char b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    /** @param bytes written as they are */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** @param s text known to be ASCII without anything to escape (numbers, keywords), written as it is */
    public void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** Writes {@code null}. */
    public void nul() {
        raw(NULL);
    }

    /** @param b a boolean */
    public void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    /** @param v an integer */
    public void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    /** @param d a double, as Python's json writes it */
    public void number(double d) {
        ascii(PyFloat.json(d));
    }

    /**
     * Writes a JSON string.
     *
     * @param s the text
     */
    public void string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[pos++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (pos == buf.length) {
                    ensure(n - i + 1);
                }
                buf[pos++] = (byte) c;
            } else {
                special(s, i, c);
                if (Character.isHighSurrogate(c) && !ascii && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
        }
        ensure(1);
        buf[pos++] = '"';
    }

    private void special(String s, int i, char c) {
        ensure(12);
        switch (c) {
            case '"' -> shortEscape('"');
            case '\\' -> shortEscape('\\');
            case '\n' -> shortEscape('n');
            case '\r' -> shortEscape('r');
            case '\t' -> shortEscape('t');
            case '\b' -> shortEscape('b');
            case '\f' -> shortEscape('f');
            default -> {
                if (c < 0x20 || ascii) {
                    unicodeEscape(c);
                } else if (c == 0x7f) {
                    buf[pos++] = (byte) c;
                } else {
                    utf8(s, i, c);
                }
            }
        }
    }

    private void shortEscape(char c) {
        buf[pos++] = '\\';
        buf[pos++] = (byte) c;
    }

    private void unicodeEscape(char c) {
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = HEX[c >> 12 & 15];
        buf[pos++] = HEX[c >> 8 & 15];
        buf[pos++] = HEX[c >> 4 & 15];
        buf[pos++] = HEX[c & 15];
    }

    private void utf8(String s, int i, char c) {
        if (c < 0x800) {
            buf[pos++] = (byte) (0xc0 | c >> 6);
            buf[pos++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                buf[pos++] = (byte) (0xf0 | cp >> 18);
                buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[pos++] = (byte) (0x80 | cp & 0x3f);
            } else {
                unicodeEscape(c); // a lone surrogate has no UTF-8 form; JSON readers take the escape
            }
        } else {
            buf[pos++] = (byte) (0xe0 | c >> 12);
            buf[pos++] = (byte) (0x80 | c >> 6 & 0x3f);
            buf[pos++] = (byte) (0x80 | c & 0x3f);
        }
    }
}
