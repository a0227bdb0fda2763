package faust.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import faust.codecs.Codecs;
import faust.codecs.FaustRecord;
import faust.codecs.Codec;
import faust.codecs.CodecRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
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
 * about 100 bytes through {@code json} (to the record type and untyped to a Map), next to Jackson's
 * databind on the same record (what the json codec was before it wrote Faust's exact bytes); and a Faust
 * record (decimal, datetime, nested record with its marker; about 200 bytes) through the typed json codec.
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

    /**
     * A Faust record of about 200 bytes of JSON.
     *
     * @param id order id
     * @param amount amount
     * @param placed when
     * @param tags tags
     * @param line a nested record
     */
    @FaustRecord(namespace = "bench.Payment")
    public record Payment(String id, BigDecimal amount, OffsetDateTime placed, List<String> tags, Line line) {
    }

    /**
     * @param sku sku
     * @param qty quantity
     * @param price price
     */
    @FaustRecord(namespace = "bench.Line")
    public record Line(String sku, int qty, double price) {
    }

    private static final ObjectMapper JACKSON = JsonMapper.builder().build();
    private final Codec<Payment> payments = Codecs.json(Payment.class);
    private Payment payment;
    private byte[] paymentJson;
    private final Codec<byte[]> raw = Codecs.raw();
    private final Codec<String> rawText = CodecRegistry.standard().codec("raw", String.class);
    private final Codec<Order> json = Codecs.json(Order.class);
    private final Codec<Object> untyped = Codecs.json(Object.class);
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
        payment = new Payment("p-000123456", new BigDecimal("1234.50"),
                OffsetDateTime.parse("2024-01-02T03:04:05.678901Z"), List.of("web", "eu"),
                new Line("sku-778899", 3, 411.5));
        paymentJson = payments.encode(payment);
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
        return raw.decode(bytes);
    }

    /** @return encoded */
    @Benchmark
    public byte[] rawEncodeString() {
        return rawText.encode(text);
    }

    /** @return decoded */
    @Benchmark
    public String rawDecodeString() {
        return rawText.decode(textBytes);
    }

    /** @return encoded */
    @Benchmark
    public byte[] jsonEncodeRecord() {
        return json.encode(order);
    }

    /** @return decoded */
    @Benchmark
    public Order jsonDecodeRecord() {
        return json.decode(orderJson);
    }

    /** @return decoded as a Map */
    @Benchmark
    public Object jsonDecodeObject() {
        return untyped.decode(orderJson);
    }

    /** @return encoded by Jackson's databind (the json codec before Faust's exact bytes) */
    @Benchmark
    public byte[] jacksonEncodeRecord() throws IOException {
        return JACKSON.writeValueAsBytes(order);
    }

    /** @return decoded by Jackson's databind */
    @Benchmark
    public Order jacksonDecodeRecord() throws IOException {
        return JACKSON.readValue(orderJson, Order.class);
    }

    /** @return a Faust record encoded */
    @Benchmark
    public byte[] faustRecordEncode() {
        return payments.encode(payment);
    }

    /** @return a Faust record decoded */
    @Benchmark
    public Payment faustRecordDecode() {
        return payments.decode(paymentJson);
    }
}
