package faust.devbroker.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690). Each method returns the complete
 * encoding (tag, length, contents) of one value.
 */
final class Der {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** A value with the given tag and contents. */
    static byte[] tagged(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    /** A constructed value whose contents are the given encodings, one after the other. */
    static byte[] constructed(int tag, byte[]... elements) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (byte[] element : elements) {
            contents.writeBytes(element);
        }
        return tagged(tag, contents.toByteArray());
    }

    static byte[] sequence(byte[]... elements) {
        return constructed(SEQUENCE, elements);
    }

    static byte[] set(byte[]... elements) {
        return constructed(SET, elements);
    }

    /** {@code [n] EXPLICIT}: a constructed context-specific tag around one encoding. */
    static byte[] explicit(int n, byte[] element) {
        return tagged(0xA0 | n, element);
    }

    /** {@code [n] IMPLICIT} for a primitive value: a context-specific tag around the raw contents. */
    static byte[] implicitPrimitive(int n, byte[] contents) {
        return tagged(0x80 | n, contents);
    }

    static byte[] integer(BigInteger value) {
        return tagged(INTEGER, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] bool(boolean value) {
        return tagged(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] octetString(byte[] contents) {
        return tagged(OCTET_STRING, contents);
    }

    /** A BIT STRING holding whole bytes (no unused bits), such as a signature. */
    static byte[] bitString(byte[] bytes) {
        byte[] contents = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, contents, 1, bytes.length);
        return tagged(BIT_STRING, contents);
    }

    /**
     * A named-bit BIT STRING (such as KeyUsage) with the given bits set, bit 0 being the most significant bit
     * of the first byte; DER drops trailing zero bits.
     */
    static byte[] namedBits(int... bits) {
        int highest = 0;
        for (int bit : bits) {
            highest = Math.max(highest, bit);
        }
        byte[] value = new byte[highest / 8 + 1];
        for (int bit : bits) {
            value[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        int unused = 7 - highest % 8;
        byte[] contents = new byte[value.length + 1];
        contents[0] = (byte) unused;
        System.arraycopy(value, 0, contents, 1, value.length);
        return tagged(BIT_STRING, contents);
    }

    static byte[] utf8(String text) {
        return tagged(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] ia5(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** An OBJECT IDENTIFIER from its dotted form, such as {@code 2.5.4.3}. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        base128(contents, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            base128(contents, Long.parseLong(parts[i]));
        }
        return tagged(OID, contents.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i > 0 ? group | 0x80 : group);
        }
    }

    /** A certificate validity time: UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
    static byte[] time(ZonedDateTime when) {
        ZonedDateTime utc = when.withZoneSameInstant(ZoneOffset.UTC).withNano(0);
        if (utc.getYear() < 2050) {
            return tagged(UTC_TIME, UTC_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tagged(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
    }
}
