package faust.bench.cases;

import faust.bench.CaseArgs;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** Kafka Streams {@code stream(in).to(out)}, at_least_once. */
public final class StreamsPassthrough extends ThroughputCase {
    @Override
    Running start(CaseArgs a, String output, Meter meter) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(a.input(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return new StreamsApp(a, b.build(), meter);
    }
}
