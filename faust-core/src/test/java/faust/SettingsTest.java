package faust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.spi.Apps;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void cliBeatsEnvironmentBeatsCodeBeatsDefault() {
        App app = App.create("prec", cfg -> cfg.webPort(7000).topicPartitions(3));
        assertThat(app.settings().integer(Setting.WEB_PORT)).isEqualTo(7000);
        Settings s = Apps.configure(app, Map.of("FAUST_WEB_PORT", "7001", "FAUST_TOPIC_PARTITIONS", "5"),
                Map.of(Setting.WEB_PORT, new Settings.Flag("--web-port", "7002")));
        assertThat(s.integer(Setting.WEB_PORT)).isEqualTo(7002);
        assertThat(s.sourceOf(Setting.WEB_PORT)).isEqualTo("--web-port");
        assertThat(s.integer(Setting.TOPIC_PARTITIONS)).isEqualTo(5);
        assertThat(s.sourceOf(Setting.TOPIC_PARTITIONS)).isEqualTo("FAUST_TOPIC_PARTITIONS");
        assertThat(s.integer(Setting.BROKER_COMMIT_EVERY)).isEqualTo(10_000);
        assertThat(s.isConfigured(Setting.BROKER)).isFalse();
    }

    @Test
    void aBadValueNamesWhereItCameFromAndWhatIsAccepted() {
        App app = App.create("bad");
        assertThatThrownBy(() -> Apps.configure(app, Map.of("FAUST_WEB_PORT", "sixty"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FAUST_WEB_PORT")
                .hasMessageContaining("sixty")
                .hasMessageContaining("port number");
    }

    @Test
    void durationsAcceptSecondsAndUnits() {
        App app = App.create("dur", cfg -> cfg.set("broker_commit_interval", "1.5"));
        assertThat(app.settings().duration(Setting.BROKER_COMMIT_INTERVAL)).isEqualTo(Duration.ofMillis(1500));
        Settings s = Apps.configure(app, Map.of("FAUST_SHUTDOWN_TIMEOUT", "250ms"), Map.of());
        assertThat(s.duration(Setting.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void brokerUrlsBecomeBootstrapServers() {
        App app = App.create("b", cfg -> cfg.broker("kafka://a:9093;kafka://b"));
        assertThat(app.settings().bootstrapServers()).isEqualTo("a:9093,b:9092");
        assertThat(app.settings().isConfigured(Setting.BROKER)).isTrue();
    }

    @Test
    void unknownSettingInCodeIsAClearError() {
        assertThatThrownBy(() -> App.create("x", cfg -> cfg.set("web_prot", 1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'web_prot'");
    }

    @Test
    void agentWithoutTopicReadsIdDashName() {
        App app = App.create("proj");
        Agent<byte[], Object> a = app.agent("process", stream -> { });
        assertThat(a.topic().name()).isEqualTo("proj-process");
        assertThat(a.topic().internal()).isTrue();
        assertThat(a.topic().keyCodec().name()).isEqualTo("raw");
        assertThat(a.topic().valueCodec().name()).isEqualTo("json");
        assertThatThrownBy(() -> app.agent("process", stream -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("declared twice");
    }
}
