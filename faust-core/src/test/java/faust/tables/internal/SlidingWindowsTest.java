package faust.tables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.ConfigException;
import faust.Event;
import faust.SendResult;
import faust.Stream;
import faust.WindowRange;
import faust.WindowedTable;
import faust.internal.CurrentEvent;
import faust.internal.Sender;
import faust.internal.TableEvents;
import faust.internal.TableImpl;
import faust.internal.WindowStoreKeys;
import faust.stores.Change;
import faust.stores.Stores;
import faust.testing.ManualClock;
import faust.testing.StreamsSlidingWindows;
import faust.testing.StreamsSlidingWindows.Rec;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §1: sliding windows as Kafka Streams defines them. The same records (out-of-order ones within and
 * beyond the grace included) go through Kafka Streams' {@code windowedBy(SlidingWindows).count()} and a sum
 * aggregate ({@link StreamsSlidingWindows}), and through sliding windowed tables on the table runtime (RocksDB
 * stores, no broker); the window sets and their values must be equal. Then: reads by time, expiry with
 * tombstones and {@code onWindowClose} once across a restart, and recovery from the changelog.
 */
class SlidingWindowsTest {
    /** 2026-12-02T02:23:50Z: far from the epoch (Streams treats records earlier than d after it apart). */
    private static final long BASE = 1_796_178_230_000L;
    private static final Duration D = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(3);

    /** A changelog record as sent, headers included. */
    private record Sent(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
        String text() {
            return new String(key, StandardCharsets.UTF_8) + "="
                    + (value == null ? null : new String(value, StandardCharsets.UTF_8))
                    + (headers.isEmpty() ? "" : " " + headers.keySet() + ":"
                    + new String(headers.values().iterator().next(), StandardCharsets.US_ASCII));
        }
    }

    @TempDir
    Path dir;

    private final List<Sent> changelog = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final List<TableRuntime> runtimes = new ArrayList<>();
    private Event<String, String> current;

    private final Sender sender = new Sender() {
        @Override
        public CompletableFuture<SendResult> send(String topic, Integer partition, byte[] key, byte[] value,
                                                  Map<String, byte[]> headers) {
            changelog.add(new Sent(topic, key, value, headers));
            return CompletableFuture.completedFuture(new SendResult(topic, partition, changelog.size() - 1, 0));
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean standalone() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        runtimes.forEach(TableRuntime::close);
        CurrentEvent.bind(null);
    }

    /** A table runtime holding partition 2 of the tables, RocksDB stores under {@code dir/sub}. */
    private TableRuntime runtime(String sub, TableImpl<?, ?>... tables) {
        Map<String, Integer> partitions = new TreeMap<>();
        Map<String, faust.stores.StoreFactory> factories = new TreeMap<>();
        for (TableImpl<?, ?> t : tables) {
            partitions.put(t.name(), 4);
            factories.put(t.name(), Stores.of("rocksdb://", dir.resolve(sub)));
        }
        TableRuntime r = new TableRuntime(List.of(tables), partitions, factories, sender, (key, n) -> 2, clock);
        r.bind();
        for (TableImpl<?, ?> t : tables) {
            r.holdOrOpen(t, 2).active(true);
        }
        runtimes.add(r);
        return r;
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

    /** Windows as Streams names them: key@start..end (end inclusive, ms after BASE). */
    private static String name(String key, long start, long endInclusive) {
        return StreamsSlidingWindows.name(key, start, endInclusive, BASE);
    }

    private static Map<String, Long> view(WindowedTable<String, Long> t) {
        Map<String, Long> out = new TreeMap<>();
        t.local().forEach((w, v) -> out.put(name(w.key(), w.window().start().toEpochMilli(),
                w.window().end().toEpochMilli() - 1), v));
        return out;
    }

    /** The two sliding tables (count, sum) of one app. */
    private record Tables(WindowedTable<String, Long> counts, WindowedTable<String, Long> sums) {
        void apply(SlidingWindowsTest test, Rec r) {
            test.event(r.key(), r.ts());
            counts.update(r.key(), n -> n + 1);
            sums.update(r.key(), s -> s + r.value());
        }
    }

    private Tables tables(App app, Duration grace) {
        return new Tables(
                app.table("counts", String.class, Long.class, t -> t.defaultValue(0L)).sliding(D, grace),
                app.table("sums", String.class, Long.class, t -> t.defaultValue(0L)).sliding(D, grace));
    }

    private static Map<String, Map<String, Long>> streams(List<Rec> records, Duration grace) {
        return StreamsSlidingWindows.run(records, D, grace, BASE);
    }

    private static List<Rec> randomRecords(long seed, int n) {
        return StreamsSlidingWindows.random(seed, n, BASE);
    }

    private void assertSameAsStreams(String sub, List<Rec> records, Duration grace) {
        App app = App.create("slide-" + sub);
        Tables t = tables(app, grace);
        runtime(sub, impl(app, "counts"), impl(app, "sums"));
        for (Rec r : records) {
            t.apply(this, r);
        }
        Map<String, Map<String, Long>> expected = streams(records, grace);
        assertThat(expected.get("count")).as("Streams made windows").isNotEmpty();
        assertThat(view(t.counts)).as("counts per window, records %s", records).isEqualTo(expected.get("count"));
        assertThat(view(t.sums)).as("sums per window").isEqualTo(expected.get("sum"));
    }

    @Test
    void windowsOfInOrderAndOutOfOrderRecordsAreKafkaStreamsWindows() {
        // d = 5 s: a at +0, +2, +6 in order, then +1 late (within the grace), then +4.5 at the left edge
        List<Rec> records = List.of(new Rec("a", BASE, 1), new Rec("a", BASE + 2_000, 2),
                new Rec("a", BASE + 6_000, 3), new Rec("a", BASE + 1_000, 4), new Rec("a", BASE + 4_500, 5),
                new Rec("a", BASE + 11_000, 6), new Rec("a", BASE + 6_000, 7));
        assertSameAsStreams("fixed", records, GRACE);
        App app = App.create("slide-shape");
        Tables t = tables(app, GRACE);
        runtime("shape", impl(app, "counts"), impl(app, "sums"));
        for (Rec r : records.subList(0, 3)) {
            t.apply(this, r);
        }
        // in order: each record's left window, and the right windows of +0 and +2 (later records fall in them)
        assertThat(view(t.counts)).containsOnly(Map.entry(name("a", BASE - 5_000, BASE), 1L),
                Map.entry(name("a", BASE - 3_000, BASE + 2_000), 2L),
                Map.entry(name("a", BASE + 1, BASE + 5_001), 1L),
                Map.entry(name("a", BASE + 1_000, BASE + 6_000), 2L),
                Map.entry(name("a", BASE + 2_001, BASE + 7_001), 1L));
    }

    @Test
    void randomSequencesGiveKafkaStreamsCountsAndSums() {
        for (long seed = 1; seed <= 4; seed++) {
            CurrentEvent.bind(null);
            assertSameAsStreams("seed" + seed, randomRecords(seed, 150), GRACE);
        }
        assertSameAsStreams("forever", randomRecords(42, 150), Duration.ofDays(1));
    }

    @Test
    void readsByTimeGiveTheRecordsOfTheWindowEndingThen() {
        App app = App.create("slide-read");
        Tables t = tables(app, Duration.ofDays(1));
        runtime("read", impl(app, "counts"), impl(app, "sums"));
        List<Rec> records = randomRecords(7, 120).stream().filter(r -> r.key().equals("a")).toList();
        List<Long> seen = new ArrayList<>();
        for (Rec r : records) {
            t.apply(this, r);
            seen.add(r.ts());
            assertThat(t.counts.get("a").current()).as("current() after a record at %d", r.ts() - BASE)
                    .isEqualTo(count(seen, r.ts()));
        }
        long from = records.stream().mapToLong(Rec::ts).min().orElseThrow() - 6_000;
        long to = records.stream().mapToLong(Rec::ts).max().orElseThrow() + 6_000;
        for (long q = from; q <= to; q += 137) { // at times no record made a window at, too
            assertThat(t.counts.get("a").at(Instant.ofEpochMilli(q))).as("at(+%d)", q - BASE).isEqualTo(count(seen, q));
        }
        Rec last = records.get(records.size() - 1);
        event("a", last.ts());
        assertThat(t.counts.get("a").delta(Duration.ofSeconds(2))).isEqualTo(count(seen, last.ts() - 2_000));
        assertThat(t.counts.get("a").value()).isEqualTo(count(seen, last.ts()));
        assertThat(t.counts.get("nobody").current()).isZero();
        assertThat(t.counts.get("a").all()).allSatisfy((w, v) -> {
            assertThat(Duration.between(w.start(), w.end())).as("[start, start + d] as [start, end)")
                    .isEqualTo(D.plusMillis(1));
            assertThat(v).isEqualTo(count(seen, w.end().toEpochMilli() - 1));
        });
    }

    private static long count(List<Long> times, long at) {
        return times.stream().filter(ts -> ts >= at - D.toMillis() && ts <= at).count();
    }

    @Test
    void changelogHasFaustsKeyFormWithTheNewestRecordTimeAndRecoveryDerivesLikeStreams() {
        List<Rec> records = randomRecords(11, 80);
        App app = App.create("slide-log");
        Tables t = tables(app, GRACE);
        TableRuntime r = runtime("log", impl(app, "counts"), impl(app, "sums"));
        int half = records.size() / 2;
        for (Rec rec : records.subList(0, half)) {
            t.apply(this, rec);
        }
        r.flushChanges();
        List<Sent> written = List.copyOf(changelog);
        assertThat(written).isNotEmpty().allSatisfy(s -> assertThat(s.text())
                .matches("\\[\"[abc]\",\\[\\d+\\.\\d+,\\d+\\.\\d+\\]\\]=\\d+ \\[faust-window-max-time\\]:\\d+"));
        // the window [+1.0, +6.0]: end = start + d in float seconds (Python Faust has no sliding windows)
        assertThat(new String(WindowStoreKeys.changelogKey("\"a\"".getBytes(StandardCharsets.UTF_8), BASE + 1_000,
                impl(app, "counts").window()), StandardCharsets.UTF_8)).isEqualTo("[\"a\",[1796178231.0,1796178236.0]]");

        // a second worker recovers both tables from what was written, then takes the other half
        App again = App.create("slide-log");
        Tables t2 = tables(again, GRACE);
        TableRuntime r2 = runtime("log2", impl(again, "counts"), impl(again, "sums"));
        for (String table : List.of("counts", "sums")) {
            TableImpl<?, ?> ti = impl(again, table);
            Held h = r2.heldOf(ti, 2);
            List<Change> changes = new ArrayList<>();
            for (Sent s : written) {
                if (s.topic.equals(ti.changelogTopic())) {
                    changes.add(h.fromChangelog(s.key, s.value, s.headers.get(h.changelogHeader())));
                }
            }
            assertThat(changes).isNotEmpty();
            h.store().apply(changes);
        }
        for (Rec rec : records.subList(half, records.size())) {
            t2.apply(this, rec);
        }
        Map<String, Map<String, Long>> expected = streams(records, GRACE);
        assertThat(view(t2.counts)).as("counts").isEqualTo(expected.get("count"));
        assertThat(view(t2.sums)).as("sums").isEqualTo(expected.get("sum"));
    }

    @Test
    void closedWindowsTakeNoRecordsAndTheSweepRemovesTombstonesAndReportsThemOnceAcrossRestarts() {
        App app = App.create("slide-exp");
        List<String> closed = new ArrayList<>();
        WindowedTable<String, Long> counts = app.table("exp", String.class, Long.class, t -> t.defaultValue(0L))
                .sliding(D, GRACE)
                .onWindowClose((w, v) -> closed.add(name(w.key(), w.window().start().toEpochMilli(),
                        w.window().end().toEpochMilli() - 1) + "=" + v));
        TableImpl<String, Long> t = impl(app, "exp");
        TableRuntime r = runtime("exp", t);
        for (var rec : List.of(Map.entry("a", BASE), Map.entry("b", BASE + 1_000), Map.entry("d", BASE + 9_000),
                Map.entry("c", BASE + 20_000))) {
            event(rec.getKey(), rec.getValue());
            assertThat(counts.update(rec.getKey(), n -> n + 1)).isEqualTo(1L);
        }
        // table time +20 s, grace 3 s: windows whose last instant is before +17 s are closed at once
        event("a", BASE + 11_000);
        assertThat(counts.update("a", n -> n + 1)).as("all its windows closed: dropped").isNull();
        event("a", BASE + 12_000);
        assertThat(counts.update("a", n -> n + 1)).as("its own window [+7, +12] closed").isNull();
        assertThat(counts.local()).hasSize(4);
        r.flushChanges();
        changelog.clear();

        // removed 2 × d after they closed: the sweep's watermark is +20 - 3 - 10 = +7 s
        assertThat(r.sweep()).isEqualTo(2);
        assertThat(closed).containsExactly(name("a", BASE - 5_000, BASE) + "=1",
                name("b", BASE - 4_000, BASE + 1_000) + "=1");
        assertThat(changelog).extracting(Sent::text).containsExactlyInAnyOrder(
                "[\"a\",[1796178225.0,1796178230.0]]=null", "[\"b\",[1796178226.0,1796178231.0]]=null");
        assertThat(counts.local().keySet()).extracting(faust.Windowed::key).containsExactly("c", "d");
        event("b", BASE + 1_000);
        assertThat(counts.get("b").current()).as("removed").isZero();

        event("c", BASE + 30_000); // the table time moves on; the worker stops before a sweep
        counts.update("c", n -> n + 1);
        r.flushChanges();
        r.close();
        runtimes.remove(r);
        TableRuntime again = runtime("exp", t);
        assertThat(again.sweep()).as("the restarted worker removes d's window").isEqualTo(1);
        assertThat(closed).hasSize(3).last().isEqualTo(name("d", BASE + 4_000, BASE + 9_000) + "=1");
        again.close();
        runtimes.remove(again);
        TableRuntime third = runtime("exp", t);
        assertThat(third.sweep()).isZero();
        assertThat(closed).as("never twice").hasSize(3);
        assertThat(counts.local().keySet()).extracting(faust.Windowed::key).containsOnly("c");
    }

    @Test
    void badLengthsAreOneLineErrors() {
        App app = App.create("slide-bad");
        assertThatThrownBy(() -> app.table("x", String.class, Long.class, t -> { }).sliding(Duration.ZERO, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("time difference");
        WindowedTable<String, Long> w = app.table("y", String.class, Long.class, t -> { }).sliding(D, null);
        assertThat(w.size()).isEqualTo(D);
        assertThat(w.expires()).isNull();
        assertThat(w.toString()).contains("sliding 5 s, never expires");
        assertThat(WindowRange.ofMillis(BASE, BASE + 5_001).contains(Instant.ofEpochMilli(BASE + 5_000))).isTrue();
    }
}
