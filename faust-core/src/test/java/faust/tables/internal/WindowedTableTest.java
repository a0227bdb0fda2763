package faust.tables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.ConfigException;
import faust.Event;
import faust.FaustException;
import faust.Stream;
import faust.WindowRange;
import faust.Windowed;
import faust.WindowedTable;
import faust.internal.CurrentEvent;
import faust.internal.Sender;
import faust.internal.TableEvents;
import faust.internal.TableImpl;
import faust.stores.Stores;
import faust.testing.ManualClock;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §1–§3: windowed tables on the table runtime without a broker — exact tumbling and hopping counts for
 * events with explicit timestamps (out-of-order ones too), Faust's changelog keys, expiry with tombstones, and
 * {@code onWindowClose} once per window across restarts (the watermark is kept in the RocksDB store).
 */
class WindowedTableTest {
    /** Faust's golden sample's base time, 2026-12-02T02:23:50Z. */
    private static final long BASE = 1_796_178_230_000L;

    @TempDir
    Path dir;

    private final List<String> changelog = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final List<TableRuntime> runtimes = new ArrayList<>();
    private Event<String, String> current;

    @AfterEach
    void stop() {
        runtimes.forEach(TableRuntime::close);
        CurrentEvent.bind(null);
    }

    private final Sender sender = new RecordingSender(changelog);

    /** A table runtime holding partition 0 and 2 of {@code t}, stores in RocksDB under {@code dir}. */
    private TableRuntime runtime(TableImpl<?, ?> t) {
        TableRuntime r = new TableRuntime(List.of(t), Map.of(t.name(), 4),
                Map.of(t.name(), Stores.of("rocksdb://", dir)), sender, (key, n) -> 0, clock);
        r.bind();
        r.holdOrOpen(t, 0).active(true);
        r.holdOrOpen(t, 2).active(true);
        runtimes.add(r);
        return r;
    }

    private void restart(TableRuntime r) {
        r.close();
        runtimes.remove(r);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> TableImpl<K, V> impl(App app, String name) {
        return (TableImpl<K, V>) app.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** Makes the calling thread process an event of partition 2 at {@code ts} (ms), as an agent does. */
    private void event(String key, long ts) {
        current = new TableEvents.ChangelogEvent<>(key, "click", "clicks", 2, 0, ts, Map.of());
        Stream<?, ?> stream = (Stream<?, ?>) Proxy.newProxyInstance(Stream.class.getClassLoader(),
                new Class<?>[] {Stream.class}, (proxy, m, args) -> m.getName().equals("current") ? current : null);
        CurrentEvent.bind(stream);
    }

    private static long at(double secondsAfterBase) {
        return BASE + Math.round(secondsAfterBase * 1000);
    }

    @Test
    void tumblingCountsAreExactForExplicitTimestampsAndFaustsChangelogKeys() {
        App app = App.create("win");
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofSeconds(10), Duration.ofHours(1));
        TableRuntime r = runtime(impl(app, "counts"));
        for (double s : new double[] {3.5, 7.25, 12.0, 5.0, 9.999, 10.0}) { // 5.0 comes late, within its window
            event(s >= 10 ? "about" : "home", at(s));
            counts.update(s >= 10 ? "about" : "home", n -> n + 1);
        }
        event("home", at(4));
        assertThat(counts.get("home").current()).isEqualTo(4L);
        assertThat(counts.get("home").delta(Duration.ofSeconds(10))).as("the window before").isEqualTo(0L);
        assertThat(counts.get("about").at(Instant.ofEpochMilli(at(15)))).isEqualTo(2L);
        r.flushChanges();
        assertThat(changelog).containsExactlyInAnyOrder(
                "2:[\"home\",[1796178230.0,1796178239.9]]=4",
                "2:[\"about\",[1796178240.0,1796178249.9]]=2");
        assertThat(counts.get("home").all()).containsExactly(
                Map.entry(WindowRange.ofMillis(BASE, BASE + 10_000), 4L));
    }

    @Test
    void hoppingUpdatesEveryWindowTheEventFallsInAsFaust() {
        App app = App.create("win");
        WindowedTable<String, Long> counts = app.table("hop", String.class, Long.class, t -> t.defaultValue(0L))
                .hopping(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofHours(1));
        runtime(impl(app, "hop"));
        // Faust's golden sample (faust-wire/03): home at +3.5 and +7.25, about at +12.0
        event("home", at(3.5));
        counts.update("home", n -> n + 1);
        event("home", at(7.25));
        counts.update("home", n -> n + 1);
        event("about", at(12));
        counts.update("about", n -> n + 1);
        Map<String, Long> view = new LinkedHashMap<>();
        counts.local().forEach((w, v) -> view.put(w.key() + "@" + (w.window().start().toEpochMilli() - BASE), v));
        // Faust's worker view: home (25,35)=1 (30,40)=2 (35,45)=1, about (35,45)=1 (40,50)=1
        assertThat(view).containsOnly(Map.entry("home@-5000", 1L), Map.entry("home@0", 2L),
                Map.entry("home@5000", 1L), Map.entry("about@5000", 1L), Map.entry("about@10000", 1L));
        event("home", at(7.25));
        assertThat(counts.get("home").current()).as("latest window of +7.25: [+5, +15)").isEqualTo(1L);
    }

    @Test
    void expiredWindowsAreRemovedTombstonedAndReportedOnceAcrossRestarts() {
        App app = App.create("win");
        List<String> closed = new ArrayList<>();
        WindowedTable<String, Long> counts = app.table("exp", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofSeconds(10), Duration.ofMinutes(1))
                .onWindowClose((w, v) -> closed.add(w.key() + "@" + w.window().start().toEpochMilli() + "=" + v));
        TableImpl<String, Long> t = impl(app, "exp");
        long now = BASE;
        TableRuntime r = runtime(t);
        event("a", now - 200_000); // ends long before the partition's time: closes at the first sweep
        counts.update("a", n -> n + 1);
        event("b", now - 55_000); // its window [now-60s, now-50s) closes once the table's time passes now+10s
        counts.update("b", n -> n + 1);
        event("c", now); // the partition's time is now
        counts.update("c", n -> n + 1);
        r.flushChanges();
        changelog.clear();

        assertThat(r.sweep()).isEqualTo(1);
        long aStart = now - 200_000;
        assertThat(closed).containsExactly("a@" + aStart + "=1");
        assertThat(changelog).singleElement().asString()
                .isEqualTo("2:[\"a\",[" + aStart / 1000 + ".0," + (aStart / 1000 + 9) + ".9]]=null");
        List<String> stored = new ArrayList<>();
        r.heldOf(t, 2).store().forEach((k, v) -> stored.add(new String(v, StandardCharsets.UTF_8)));
        assertThat(stored).as("b's and c's windows, the watermark and the table time; a's window gone").hasSize(4);
        assertThat(r.sweep()).as("a second sweep at the same table time").isZero();

        // an event moves the partition's time on, b's window is past its expires; the worker stops before a sweep
        event("c", now + 20_000);
        counts.update("c", n -> n + 1);
        r.flushChanges();
        restart(r);
        TableRuntime again = runtime(t);
        assertThat(again.sweep()).as("the restarted worker closes it").isEqualTo(1);
        assertThat(closed).hasSize(2).last().asString().isEqualTo("b@" + (now - 60_000) + "=1");
        event("c", now);
        assertThat(counts.get("c").current()).isEqualTo(1L);

        // and after one more restart nothing is reported again
        restart(again);
        TableRuntime third = runtime(t);
        assertThat(third.sweep()).isZero();
        assertThat(closed).hasSize(2);
        event("a", now - 200_000);
        assertThat(counts.update("a", n -> n + 1)).as("an update to a closed window is dropped").isNull();
        third.flushChanges();
        assertThat(counts.local().keySet()).extracting(Windowed::key).containsExactly("c", "c");
    }

    @Test
    void windowsAndLookupsNeedTheirOwnApi() {
        App app = App.create("win");
        var table = app.table("w", String.class, Long.class, t -> t.defaultValue(0L));
        WindowedTable<String, Long> w = table.tumbling(Duration.ofSeconds(10), null);
        assertThat(w.expires()).isNull();
        assertThat(w.step()).isEqualTo(Duration.ofSeconds(10));
        runtime(impl(app, "w"));
        assertThatThrownBy(() -> table.get("x")).isInstanceOf(FaustException.class)
                .hasMessageContaining("use the WindowedTable");
        assertThatThrownBy(() -> table.hopping(Duration.ofSeconds(10), Duration.ofSeconds(5), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("already windowed");
        assertThatThrownBy(() -> app.table("bad", String.class, Long.class, t -> { })
                .hopping(Duration.ofSeconds(5), Duration.ofSeconds(10), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> w.get("x").current()).isInstanceOf(FaustException.class)
                .hasMessageContaining("inside an agent");
        assertThat(w.get("x").at(Instant.now())).isEqualTo(0L);
    }

    @Test
    void relativeToFieldAndNowPickTheTableTime() {
        App app = App.create("win");
        WindowedTable<String, Long> base = app.table("f", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofSeconds(10), null);
        runtime(impl(app, "f"));
        event("k", BASE); // the event's own timestamp is ignored by the field view
        base.relativeToField(v -> (BASE + 20_000) / 1000.0).update("k", n -> n + 1);
        base.relativeToNow().update("k", n -> n + 10);
        assertThat(base.get("k").at(Instant.ofEpochMilli(BASE + 20_000))).isEqualTo(1L);
        assertThat(base.get("k").at(Instant.ofEpochMilli(clock.millis()))).isEqualTo(10L);
        assertThat(base.relativeToNow().get("k").value()).isEqualTo(10L);
        assertThat(base.get("k").current()).as("event time: nothing at BASE").isEqualTo(0L);
    }
}
