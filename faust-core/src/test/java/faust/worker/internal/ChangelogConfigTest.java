package faust.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.internal.TableImpl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Changelog topics are created as Faust creates them (faust-wire/03, 04, 07). */
class ChangelogConfigTest {
    private static TableImpl<?, ?> table(App app, String name) {
        return (TableImpl<?, ?>) app.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void plainWindowedAndSetTablesGetFaustsTopicConfigs() {
        App app = App.create("cfg");
        app.table("plain", String.class, Long.class, t -> { });
        app.table("windows", String.class, Long.class, t -> { }).tumbling(Duration.ofSeconds(10), Duration.ofHours(1));
        app.table("forever", String.class, Long.class, t -> { }).hopping(Duration.ofSeconds(10), Duration.ofSeconds(5),
                null);
        app.table("sliding", String.class, Long.class, t -> { }).sliding(Duration.ofSeconds(10), Duration.ofMinutes(1));
        app.setTable("tags", String.class, String.class);
        assertThat(WorkerTables.changelogConfig(table(app, "plain"))).containsOnly(
                java.util.Map.entry("cleanup.policy", "compact"));
        assertThat(WorkerTables.changelogConfig(table(app, "windows"))).containsOnly(
                java.util.Map.entry("cleanup.policy", "compact,delete"), java.util.Map.entry("retention.ms", "3600000"));
        assertThat(WorkerTables.changelogConfig(table(app, "forever"))).containsOnly(
                java.util.Map.entry("cleanup.policy", "compact"));
        assertThat(WorkerTables.changelogConfig(table(app, "sliding"))).as("kept as long as the store keeps windows")
                .containsOnly(java.util.Map.entry("cleanup.policy", "compact,delete"),
                        java.util.Map.entry("retention.ms", "80001"));
        assertThat(WorkerTables.changelogConfig(table(app, "tags"))).as("not compacted").isEmpty();
    }
}
