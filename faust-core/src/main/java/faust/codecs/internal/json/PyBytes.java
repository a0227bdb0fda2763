package faust.codecs.internal.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes inside JSON as Faust writes them: Python's {@code str(b)}, e.g. {@code b'q1'} or
 * {@code b'\x00\xff'} (Faust's JSON encoder turns bytes into their {@code str()}). Reading takes that form
 * back, and any other text as its UTF-8 bytes (Python's {@code want_bytes}).
 */
public final class PyBytes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyBytes() {
    }

    /**
     * @param b bytes
     * @return Python's {@code repr(b)}
     */
    public static String repr(byte[] b) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : b) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(b.length + 3);
        sb.append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }

    /**
     * @param s text read from JSON
     * @return the bytes of a Python bytes literal ({@code b'...'}), or the UTF-8 bytes of any other text
     */
    public static byte[] parse(String s) {
        int n = s.length();
        if (n < 3 || s.charAt(0) != 'b' || (s.charAt(1) != '\'' && s.charAt(1) != '"') || s.charAt(n - 1) != s.charAt(1)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 2; i < n - 1; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
            if (c != '\\' || i + 1 >= n - 1) {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                case 'x' -> {
                    if (i + 2 >= n) {
                        return s.getBytes(StandardCharsets.UTF_8);
                    }
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        return s.getBytes(StandardCharsets.UTF_8);
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                }
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }
}
