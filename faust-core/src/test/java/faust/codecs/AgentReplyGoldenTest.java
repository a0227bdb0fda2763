package faust.codecs;

import static faust.codecs.GoldenWireTest.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faust.App;
import faust.SendResult;
import faust.YieldingAgent;
import faust.codecs.Golden.Inner;
import faust.codecs.WireSamples.Rec;
import faust.codecs.internal.wire.ReqRep;
import faust.spi.AgentHarness;
import faust.spi.RecordSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Python Faust's requests of {@code 05-agent-ask.txt}, fed byte for byte to a Java agent doing what the golden
 * {@code adder} does ({@code value + 1} for an int, the value otherwise), get replies byte-identical to those
 * Faust wrote, the {@code "key":"b'q1'"} quirk included; and a Java ask writes Faust's request form.
 */
class AgentReplyGoldenTest {
    record Sent(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
    }

    static final class Capture implements RecordSender {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                                  Map<String, byte[]> headers) {
            sent.add(new Sent(topic, key, value, new LinkedHashMap<>(headers)));
            return CompletableFuture.completedFuture(new SendResult(topic, 0, sent.size() - 1, 0));
        }

        @Override
        public void flush() {
        }

        List<Sent> to(String topic) {
            return sent.stream().filter(s -> s.topic().equals(topic)).toList();
        }
    }

    private static final AgentHarness.Listener QUIET = new AgentHarness.Listener() {
        @Override
        public void failed(AgentHarness.Failure failure) {
            throw new AssertionError("agent failed: " + failure);
        }

        @Override
        public void stopRequested(String reason) {
            throw new AssertionError(reason);
        }
    };

    private static YieldingAgent<byte[], Object, Object> adder(App app) {
        app.record(Inner.class);
        return app.agent("golden.adder", Object.class, Object.class, (stream, out) -> {
            for (Object v : stream) {
                out.emit(v instanceof Integer i ? i + 1 : v);
            }
        }, o -> { });
    }

    @Test
    void faustsRequestsGetFaustsRepliesByteForByte() throws Exception {
        App app = App.create("golden");
        YieldingAgent<byte[], Object, Object> adder = adder(app);
        assertThat(adder.topic().name()).isEqualTo("golden-golden.adder");
        List<Rec> requests = WireSamples.topic("05-agent-ask.txt", "golden-golden.adder");
        List<Rec> replies = WireSamples.load("05-agent-ask.txt").stream()
                .filter(r -> r.topic().startsWith("f-reply-")).toList();
        String replyTopic = replies.getFirst().topic();
        Capture capture = new Capture();
        try (AgentHarness<byte[], Object> h = AgentHarness.start(app, adder, "test", capture, QUIET)) {
            long offset = 0;
            for (Rec r : requests) {
                Map<String, byte[]> headers = new LinkedHashMap<>();
                r.headers().forEach((k, v) -> headers.put(k, v.getBytes(StandardCharsets.UTF_8)));
                h.deliver(r.partition(), offset++, 0, r.key(), r.value(), headers);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> h.outstanding() == 0);
            List<Sent> written = capture.to(replyTopic);
            assertThat(written).as("one reply per request with reply headers; none for the plain send").hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(written.get(i).key()).isNull();
                assertThat(written.get(i).headers()).isEmpty();
                assertSameBytes(written.get(i).value(), replies.get(i).value());
            }
        }
    }

    @Test
    void aJavaAskWritesFaustsRequestForm() throws Exception {
        App app = App.create("golden");
        YieldingAgent<byte[], Object, Object> adder = adder(app);
        Rec golden = WireSamples.topic("05-agent-ask.txt", "golden-golden.adder").getFirst();
        Capture capture = new Capture();
        try (AgentHarness<byte[], Object> h = AgentHarness.start(app, adder, "test", capture, QUIET)) {
            CompletableFuture<Object> reply = adder.askNowait("q1".getBytes(StandardCharsets.UTF_8), 41);
            // the capture does not deliver: hand the request to the agent as the consumer would
            Sent request = capture.to("golden-golden.adder").getFirst();
            h.deliver(0, 0, 0, request.key(), request.value(), request.headers());
            assertThat(reply).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(42);

            assertSameBytes(request.key(), golden.key());
            assertSameBytes(request.value(), golden.value());
            assertThat(new ArrayList<>(request.headers().keySet()))
                    .containsExactly(ReqRep.REPLY_TO_HEADER, ReqRep.CORRELATION_ID_HEADER);
            String id = new String(request.headers().get(ReqRep.CORRELATION_ID_HEADER), StandardCharsets.UTF_8);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            String replyTo = new String(request.headers().get(ReqRep.REPLY_TO_HEADER), StandardCharsets.UTF_8);
            Sent written = capture.to(replyTo).getFirst();
            assertThat(new String(written.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"key\":\"b'q1'\",\"value\":42,\"correlation_id\":\"" + id
                            + "\",\"__faust\":{\"ns\":\"@ReqRepResponse\"}}");
        }
    }
}
