package faust.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A record sent while an {@link AgentTester} was open, decoded with the codecs of the app's topic of
 * that name (or the app's default codecs, {@code raw} keys and {@code json} values unless configured,
 * when no such topic is declared).
 *
 * @param topic the topic it was sent to
 * @param partition its partition (0 unless the sender chose one)
 * @param offset its offset in that partition, from 0
 * @param timestamp epoch milliseconds when it was sent
 * @param key the decoded key, or null
 * @param value the decoded value, or null
 * @param headers its headers, never null
 * @param rawKey the key as it would be on the wire, or null
 * @param rawValue the value as it would be on the wire, or null
 */
public record SentRecord(String topic, int partition, long offset, long timestamp, Object key, Object value,
                         Map<String, byte[]> headers, byte[] rawKey, byte[] rawValue) {

    /**
     * @param name a header name, e.g. {@code faust.error} on a dead-letter record
     * @return the header's value as UTF-8 text, or null when there is no such header
     */
    public String header(String name) {
        byte[] v = headers.get(name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** @return the key as UTF-8 text (whatever its codec), or null when there is none */
    public String keyText() {
        return rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + "{key=" + (rawKey == null ? null : keyText()) + ", value="
                + value + (headers.isEmpty() ? "" : ", headers=" + headers.keySet()) + "}";
    }
}
