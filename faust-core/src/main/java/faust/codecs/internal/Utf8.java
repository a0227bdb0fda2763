package faust.codecs.internal;

import faust.codecs.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: bytes that are not UTF-8 fail rather than turn into U+FFFD (they would not encode back). */
final class Utf8 {
    private Utf8() {
    }

    /**
     * @param data bytes
     * @return whether they are valid UTF-8
     */
    static boolean valid(byte[] data) {
        return decodeOrNull(data) != null;
    }

    /**
     * @param data bytes
     * @param codec the codec's name, for the message
     * @return the text
     * @throws CodecException when the bytes are not UTF-8
     */
    static String decode(byte[] data, String codec) {
        String s = decodeOrNull(data);
        if (s == null) {
            throw new CodecException("value is not UTF-8 text (" + codec + " codec to String): declare the type"
                    + " byte[] to receive the bytes as they are");
        }
        return s;
    }

    /**
     * @param s text
     * @param codec the codec's name, for the message
     * @return its UTF-8 bytes
     * @throws CodecException when the text holds a lone surrogate (it has no UTF-8 form)
     */
    static byte[] encode(String s, String codec) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                try {
                    ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(s));
                    byte[] out = new byte[b.remaining()];
                    b.get(out);
                    return out;
                } catch (CharacterCodingException e) {
                    throw new CodecException("text holds a lone UTF-16 surrogate at index " + i
                            + ", which has no UTF-8 form (" + codec + " codec)", e);
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String decodeOrNull(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s; // malformed input would have left a replacement character
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
