package faust.codecs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The golden samples of {@code shared/faust-wire} (copied to {@code src/test/resources/faust-wire}): records
 * as Faust 0.11.3 wrote them to Kafka, parsed from the capture files.
 */
public final class WireSamples {
    /**
     * One captured record.
     *
     * @param topic topic
     * @param partition partition
     * @param key key bytes, or null
     * @param value value bytes, or null
     * @param headers headers (values as text)
     */
    public record Rec(String topic, int partition, byte[] key, byte[] value, Map<String, String> headers) {
        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }

        public String valueText() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern TOPIC = Pattern.compile("^## topic (\\S+)");
    private static final Pattern RECORD = Pattern.compile(
            "^record partition=(\\d+) offset=(\\d+) timestamp_ms=(\\d+) key_len=(-?\\d+) value_len=(-?\\d+)");

    private WireSamples() {
    }

    /**
     * @param file e.g. {@code 01-record-model.txt}
     * @return its records, in file order
     */
    public static List<Rec> load(String file) {
        String text;
        try (InputStream in = WireSamples.class.getResourceAsStream("/faust-wire/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource faust-wire/" + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Rec> out = new ArrayList<>();
        String topic = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher t = TOPIC.matcher(lines[i]);
            if (t.find()) {
                topic = t.group(1);
                continue;
            }
            Matcher r = RECORD.matcher(lines[i]);
            if (!r.find()) {
                continue;
            }
            int keyLen = Integer.parseInt(r.group(4));
            int valueLen = Integer.parseInt(r.group(5));
            Map<String, String> fields = new LinkedHashMap<>();
            while (i + 1 < lines.length && lines[i + 1].startsWith("  ")) {
                String l = lines[++i].substring(2);
                int eq = l.indexOf('=');
                fields.put(l.substring(0, eq), l.substring(eq + 1));
            }
            byte[] key = bytes(fields, "key", keyLen);
            byte[] value = bytes(fields, "value", valueLen);
            out.add(new Rec(topic, Integer.parseInt(r.group(1)), key, value, headers(fields.get("headers"))));
        }
        return out;
    }

    /**
     * @param file a capture file
     * @param topic a topic in it
     * @return the topic's records
     */
    public static List<Rec> topic(String file, String topic) {
        List<Rec> recs = load(file).stream().filter(r -> r.topic().equals(topic)).toList();
        if (recs.isEmpty()) {
            throw new IllegalStateException("no records of " + topic + " in " + file);
        }
        return recs;
    }

    private static byte[] bytes(Map<String, String> fields, String name, int len) {
        if (len < 0) {
            return null;
        }
        String hex = fields.get(name + ".hex");
        byte[] b = hex != null ? HexFormat.of().parseHex(hex) : unescape(fields.get(name));
        if (b.length != len) {
            throw new IllegalStateException(name + " is " + b.length + " bytes, the capture says " + len);
        }
        return b;
    }

    private static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static Map<String, String> headers(String h) {
        Map<String, String> m = new LinkedHashMap<>();
        if (h == null || h.equals("(none)")) {
            return m;
        }
        for (String kv : h.split(",")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }
}
