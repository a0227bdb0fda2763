package faust.sensors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.ConfigException;
import io.micrometer.statsd.StatsdFlavor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code monitor} setting: which statsd agents get the metrics. */
class ExportersTest {
    @Test
    void namesStatsdDatadogAndTelegrafAgentsWithTheDefaultPort() {
        List<Exporters.Target> t = Exporters.parse(" statsd://stats:9125, datadog://localhost ,telegraf://t:8094");

        assertThat(t).extracting(Exporters.Target::flavor)
                .containsExactly(StatsdFlavor.ETSY, StatsdFlavor.DATADOG, StatsdFlavor.TELEGRAF);
        assertThat(t).extracting(Exporters.Target::host).containsExactly("stats", "localhost", "t");
        assertThat(t).extracting(Exporters.Target::port).containsExactly(9125, 8125, 8094);
        assertThat(Exporters.parse("")).isEmpty();
    }

    @Test
    void anEntryThatIsNoAgentIsRefusedInOneLine() {
        assertThatThrownBy(() -> Exporters.parse("statsd://ok:1,prometheus://x:9"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("monitor entry 'prometheus://x:9' is not valid")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Exporters.parse("localhost:8125")).isInstanceOf(ConfigException.class);
    }
}
