package faust.tables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.Event;
import faust.Windowed;
import faust.WindowedTable;
import faust.codecs.WireSamples;
import faust.codecs.WireSamples.Rec;
import faust.internal.Clock;
import faust.internal.TableImpl;
import faust.stores.Change;
import faust.stores.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 tests: a windowed table recovered from the changelog bytes Python Faust wrote
 * ({@code faust-wire/03-windowed-changelog.txt}) holds the windows Faust's worker had, and writes them back
 * under the very same changelog keys.
 */
class WindowedGoldenTest {
    private static final long BASE = 1_796_178_230_000L;

    private static Map<String, Long> recover(String table, String topic, Duration step, List<String> events) {
        App app = App.create("golden");
        WindowedTable<String, Long> w = app.table(table, String.class, Long.class, t -> t.defaultValue(0L))
                .hopping(Duration.ofSeconds(10), step, Duration.ofDays(3650));
        w.onChangelogEvent(e -> events.add(e.key().key() + "@" + (e.key().window().start().toEpochMilli() - BASE)
                + "=" + e.value()));
        @SuppressWarnings("unchecked")
        TableImpl<String, Long> t = (TableImpl<String, Long>) app.tables().get(0);
        TableRuntime r = new TableRuntime(List.of(t), Map.of(table, 8), Map.of(table, Stores.memory()), null,
                (k, n) -> 0, Clock.SYSTEM);
        try {
            r.bind();
            for (Rec rec : WireSamples.topic("03-windowed-changelog.txt", topic)) {
                Held h = r.holdOrOpen(t, rec.partition());
                h.active(true);
                Change c = h.fromChangelog(rec.key(), rec.value());
                h.store().apply(List.of(c), 0);
                t.events().changelogRecord(c.key(), c.value(), topic, rec.partition(), 0, 0);
                assertThat(new String(h.changelogKey(c.key()), StandardCharsets.UTF_8))
                        .as("written back under Faust's key").isEqualTo(rec.keyText());
            }
            Map<String, Long> view = new LinkedHashMap<>();
            for (Map.Entry<Windowed<String>, Long> e : w.local().entrySet()) {
                view.put(e.getKey().key() + "@" + (e.getKey().window().start().toEpochMilli() - BASE)
                        + ".." + (e.getKey().window().end().toEpochMilli() - BASE), e.getValue());
            }
            return view;
        } finally {
            r.close();
        }
    }

    @Test
    void aTumblingTableRecoveredFromFaustsChangelogHasFaustsWindows() {
        List<String> events = new ArrayList<>();
        Map<String, Long> view = recover("tumbling-counts", "golden-tumbling-counts-changelog",
                Duration.ofSeconds(10), events);
        // Faust: {('home', (…230.0, …239.9)): 2, ('about', (…240.0, …249.9)): 1}
        assertThat(view).containsOnly(Map.entry("home@0..10000", 2L), Map.entry("about@10000..20000", 1L));
        assertThat(events).containsExactly("home@0=1", "home@0=2", "about@10000=1");
    }

    @Test
    void aHoppingTableRecoveredFromFaustsChangelogHasFaustsWindows() {
        Map<String, Long> view = recover("hopping-counts", "golden-hopping-counts-changelog",
                Duration.ofSeconds(5), new ArrayList<>());
        // Faust: home (225,234.9)=1 (230,239.9)=2 (235,244.9)=1; about (235,244.9)=1 (240,249.9)=1
        assertThat(view).containsOnly(Map.entry("home@-5000..5000", 1L), Map.entry("home@0..10000", 2L),
                Map.entry("home@5000..15000", 1L), Map.entry("about@5000..15000", 1L),
                Map.entry("about@10000..20000", 1L));
    }

    @Test
    void changelogEventsOfPlainTablesAreDecoded() {
        App app = App.create("golden");
        List<Event<String, Long>> seen = new ArrayList<>();
        app.table("counts", String.class, Long.class, t -> { }).onChangelogEvent(seen::add);
        @SuppressWarnings("unchecked")
        TableImpl<String, Long> t = (TableImpl<String, Long>) app.tables().get(0);
        t.events().changelogRecord("\"apple\"".getBytes(StandardCharsets.UTF_8), "3".getBytes(StandardCharsets.UTF_8),
                "golden-counts-changelog", 1, 7, 99);
        t.events().changelogRecord("\"pear\"".getBytes(StandardCharsets.UTF_8), null, "golden-counts-changelog", 1, 8,
                99);
        assertThat(seen).extracting(Event::key, Event::value, Event::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("apple", 3L, 7L),
                        org.assertj.core.groups.Tuple.tuple("pear", null, 8L));
    }
}
