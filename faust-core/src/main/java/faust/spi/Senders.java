package faust.spi;

import faust.SendResult;
import faust.internal.Sender;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Adapters between the SPI's {@link RecordSender} and the runtime's sender. */
final class Senders {
    private Senders() {
    }

    /** @return the runtime sender backed by an SPI one (the app must not close it: its owner does) */
    static Sender toRuntime(RecordSender s) {
        return new Sender() {
            @Override
            public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                                      Map<String, byte[]> headers) {
                return s.send(topic, partition, key, value, headers);
            }

            @Override
            public void flush() {
                s.flush();
            }

            @Override
            public boolean standalone() {
                return false;
            }

            @Override
            public void close() {
                // its owner closes it
            }
        };
    }

    /** @return the SPI view of a runtime sender; closing it closes the sender */
    static RecordSender toSpi(Sender s) {
        return new RecordSender() {
            @Override
            public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                                      Map<String, byte[]> headers) {
                return s.send(topic, partition, key, value, headers);
            }

            @Override
            public void flush() {
                s.flush();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
