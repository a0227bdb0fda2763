package faust.bench.jmh;

import faust.codecs.Codec;
import faust.codecs.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The codecs on a 100-byte value: raw bytes and text through {@code raw}, and a record whose JSON is
 * about 100 bytes through {@code json} (to the record type and untyped to a Map).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    /**
     * A value whose JSON is about 100 bytes.
     *
     * @param id order id
     * @param account account
     * @param side buy or sell
     * @param quantity quantity
     * @param price price
     * @param ts timestamp
     */
    public record Order(String id, String account, String side, int quantity, double price, long ts) {
    }

    private final Codec raw = Codecs.RAW;
    private final Codec json = Codecs.JSON;
    private byte[] bytes;
    private String text;
    private byte[] textBytes;
    private Order order;
    private byte[] orderJson;

    /** Makes the values. */
    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        bytes = new byte[100];
        r.nextBytes(bytes);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        text = sb.toString();
        textBytes = text.getBytes(StandardCharsets.UTF_8);
        order = new Order("o-000123456", "acct-98765", "buy", 250, 101.25, 1_717_000_000_000L);
        orderJson = json.encode(order);
        if (orderJson.length < 80 || orderJson.length > 120) {
            throw new IllegalStateException("JSON value is " + orderJson.length + " bytes: "
                    + new String(orderJson, StandardCharsets.UTF_8));
        }
    }

    /** @return encoded */
    @Benchmark
    public byte[] rawEncodeBytes() {
        return raw.encode(bytes);
    }

    /** @return decoded */
    @Benchmark
    public byte[] rawDecodeBytes() {
        return raw.decode(bytes, byte[].class);
    }

    /** @return encoded */
    @Benchmark
    public byte[] rawEncodeString() {
        return raw.encode(text);
    }

    /** @return decoded */
    @Benchmark
    public String rawDecodeString() {
        return raw.decode(textBytes, String.class);
    }

    /** @return encoded */
    @Benchmark
    public byte[] jsonEncodeRecord() {
        return json.encode(order);
    }

    /** @return decoded */
    @Benchmark
    public Order jsonDecodeRecord() {
        return json.decode(orderJson, Order.class);
    }

    /** @return decoded as a Map */
    @Benchmark
    public Object jsonDecodeObject() {
        return json.decode(orderJson, Object.class);
    }
}
