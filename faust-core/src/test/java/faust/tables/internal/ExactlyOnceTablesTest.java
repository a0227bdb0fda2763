package faust.tables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.SetTable;
import faust.Stream;
import faust.WindowedTable;
import faust.internal.CurrentEvent;
import faust.internal.TableEvents;
import faust.internal.TableImpl;
import faust.internal.WindowStoreKeys;
import faust.stores.Stores;
import faust.testing.ManualClock;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 × issue 13: the exactly-once flush path of windowed and set tables without a broker. The changelog
 * records written into the transaction are Faust's (window keys {@code [key,[start,end]]}, set operations
 * {@code [op,key]}), exactly as the at-least-once path writes them; the store gets the changes (and a windowed
 * table's time) only once the transaction committed; an abort throws away the changes, set operations included.
 * Expired windows close at a commit's cut: tombstones in the transaction, deleted from the store and reported to
 * {@code onWindowClose} once it committed, nothing closed by an aborted one.
 */
class ExactlyOnceTablesTest {
    /** Faust's golden sample's base time, 2026-12-02T02:23:50Z. */
    private static final long BASE = 1_796_178_230_000L;

    @TempDir
    Path dir;

    private final List<String> changelog = new ArrayList<>();
    private final List<TableRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void stop() {
        runtimes.forEach(TableRuntime::close);
        CurrentEvent.bind(null);
    }

    private TableRuntime runtime(TableImpl<?, ?> t) {
        TableRuntime r = new TableRuntime(List.of(t), Map.of(t.name(), 4),
                Map.of(t.name(), Stores.of("rocksdb://", dir)), new RecordingSender(changelog), (key, n) -> 0,
                new ManualClock());
        r.exactlyOnce();
        r.bind();
        r.holdOrOpen(t, 2).active(true);
        runtimes.add(r);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> TableImpl<K, V> impl(App app) {
        return (TableImpl<K, V>) app.tables().get(0);
    }

    /** Makes the calling thread process an event of partition 2 at {@code ts} (ms), as an agent does. */
    private static void event(String key, long ts) {
        var current = new TableEvents.ChangelogEvent<>(key, "click", "clicks", 2, 0, ts, Map.of());
        CurrentEvent.bind((Stream<?, ?>) Proxy.newProxyInstance(Stream.class.getClassLoader(),
                new Class<?>[] {Stream.class}, (proxy, m, args) -> m.getName().equals("current") ? current : null));
    }

    @Test
    void windowedChangesGoIntoTheTransactionInFaustsFormAndToTheStoreOnlyAfterTheCommit() {
        App app = App.create("win");
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofSeconds(10), Duration.ofHours(1));
        TableImpl<String, Long> t = impl(app);
        TableRuntime r = runtime(t);
        for (double s : new double[] {3.5, 7.25, 12.0}) {
            event(s >= 10 ? "about" : "home", BASE + Math.round(s * 1000));
            counts.update(s >= 10 ? "about" : "home", n -> n + 1);
        }
        r.flushChanges(); // the commit's cut: into the transaction
        assertThat(changelog).as("Faust's window keys, as the at-least-once path writes them")
                .containsExactlyInAnyOrder(
                        "2:[\"home\",[1796178230.0,1796178239.9]]=2",
                        "2:[\"about\",[1796178240.0,1796178249.9]]=1");
        Held h = r.heldOf(t, 2);
        assertThat(h.store().get(WindowStoreKeys.window("\"home\"".getBytes(), BASE)))
                .as("not in the store before the transaction committed").isNull();
        r.persistOffsets(); // committed
        assertThat(h.store().get(WindowStoreKeys.window("\"home\"".getBytes(), BASE))).asString().isEqualTo("2");
        assertThat(WindowStoreKeys.decodeLong(h.store().get(WindowStoreKeys.streamTime())))
                .as("the table's time is kept with the committed changes").isEqualTo(BASE + 12_000);

        event("home", BASE + 20_000); // a change aborted with its transaction
        counts.update("home", n -> n + 1);
        r.flushChanges();
        r.discardChanges();
        r.close();
        runtimes.remove(r);

        TableRuntime again = runtime(t);
        Held h2 = again.heldOf(t, 2);
        assertThat(h2.streamTime.get()).as("a restart knows the committed table time, not the aborted one")
                .isEqualTo(BASE + 12_000);
        event("home", BASE + 4_000);
        assertThat(counts.get("home").all()).hasSize(1).containsValue(2L);
    }

    @Test
    void setOperationsGoIntoTheTransactionAsFaustsAndAnAbortForgetsThem() {
        App app = App.create("golden");
        SetTable<String, String> tags = app.setTable("tags", String.class, String.class);
        TableImpl<String, ?> t = impl(app);
        TableRuntime r = runtime(t);
        event("alice", BASE);
        tags.add("alice", "red");
        r.flushChanges();
        r.persistOffsets();
        tags.add("alice", "blue");
        tags.discard("alice", "red");
        r.flushChanges();
        assertThat(changelog).as("Faust's set operations").containsExactly(
                "2:[1,\"alice\"]=\"red\"", "2:[15,\"alice\"]=[[\"blue\"],[\"red\"]]");
        r.discardChanges(); // aborted: alice is {red} again, and those operations are gone
        assertThat(tags.get("alice")).containsExactly("red");
        changelog.clear();
        tags.add("alice", "green");
        r.flushChanges();
        r.persistOffsets();
        assertThat(changelog).as("only the operation made after the abort").containsExactly("2:[1,\"alice\"]=\"green\"");
        assertThat(tags.local()).containsOnly(Map.entry("alice", Set.of("red", "green")));
    }

    @Test
    void expiredWindowsCloseInTheTransactionAndAreReportedOnceItCommitted() {
        App app = App.create("win");
        WindowedTable<String, Long> counts = app.table("counts", String.class, Long.class, t -> t.defaultValue(0L))
                .tumbling(Duration.ofSeconds(10), Duration.ofSeconds(20));
        List<String> closed = java.util.Collections.synchronizedList(new ArrayList<>());
        counts.onWindowClose((w, v) -> closed.add(w.key() + "@" + (w.window().start().toEpochMilli() - BASE) + "=" + v));
        TableImpl<String, Long> t = impl(app);
        TableRuntime r = runtime(t);
        byte[] first = WindowStoreKeys.window("\"home\"".getBytes(), BASE);
        event("home", BASE + 1_000);
        counts.update("home", n -> n + 1);
        r.flushChanges();
        r.persistOffsets();
        Held h = r.heldOf(t, 2);
        assertThat(h.store().get(first)).asString().isEqualTo("1");

        event("home", BASE + 35_000); // the window [0 s, 10 s) ended 20 s or more before: expired
        counts.update("home", n -> n + 1);
        assertThat(r.sweep()).as("due, closed at the next cut").isZero();
        assertThat(h.store().get(first)).isNotNull();
        changelog.clear();
        r.flushChanges(); // the cut
        assertThat(changelog).as("the tombstone goes into the transaction").contains(
                "2:[\"home\",[1796178230.0,1796178239.9]]=null");
        assertThat(h.store().get(first)).as("still in the store: not committed").isNotNull();
        r.discardChanges(); // aborted
        assertThat(h.closedUpTo).as("an aborted transaction closed nothing").isEqualTo(Long.MIN_VALUE);
        assertThat(h.store().get(first)).isNotNull();
        r.sweep();
        assertThat(closed).isEmpty();

        event("home", BASE + 35_000); // redone
        counts.update("home", n -> n + 1);
        r.sweep();
        r.flushChanges();
        r.persistOffsets(); // committed
        assertThat(h.store().get(first)).as("deleted once the transaction committed").isNull();
        assertThat(WindowStoreKeys.decodeLong(h.store().get(WindowStoreKeys.watermark()))).isEqualTo(BASE + 15_000);
        org.awaitility.Awaitility.await("onWindowClose after the commit").atMost(Duration.ofSeconds(10))
                .until(() -> !closed.isEmpty());
        r.sweep();
        r.flushChanges();
        r.persistOffsets();
        r.sweep();
        assertThat(closed).as("reported once, with its committed value").containsExactly("home@0=1");
        event("home", BASE + 2_000); // a late event for the closed window is dropped
        counts.update("home", n -> n + 1);
        assertThat(counts.get("home").all()).hasSize(1).containsValue(1L);
    }
}
