package faust.tables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.FaustException;
import faust.SetTable;
import faust.Stream;
import faust.codecs.WireSamples;
import faust.codecs.WireSamples.Rec;
import faust.internal.Clock;
import faust.internal.CurrentEvent;
import faust.internal.Sender;
import faust.internal.TableEvents;
import faust.internal.TableImpl;
import faust.stores.Change;
import faust.stores.Stores;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §4: set tables — add, discard, membership and iteration; the changelog in Faust's set operations,
 * byte for byte as Faust wrote them ({@code faust-wire/04-settable.txt}); a set table replayed from Faust's
 * changelog holds Faust's sets.
 */
class SetTableTest {
    private final List<String> changelog = new ArrayList<>();
    private TableRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        CurrentEvent.bind(null);
    }

    private final Sender sender = new RecordingSender(changelog);

    @SuppressWarnings("unchecked")
    private TableImpl<String, List<String>> start(App app) {
        TableImpl<String, List<String>> t = (TableImpl<String, List<String>>) app.tables().get(0);
        runtime = new TableRuntime(List.of(t), Map.of(t.name(), 8), Map.of(t.name(), Stores.memory()), sender,
                (k, n) -> 0, Clock.SYSTEM);
        runtime.bind();
        for (int p = 0; p < 8; p++) {
            runtime.holdOrOpen(t, p).active(true);
        }
        return t;
    }

    /** Makes the calling thread process an event of {@code partition}, as an agent does. */
    private static void event(int partition) {
        var current = new TableEvents.ChangelogEvent<>("k", "v", "tag-events", partition, 0, 0, Map.of());
        CurrentEvent.bind((Stream<?, ?>) Proxy.newProxyInstance(Stream.class.getClassLoader(),
                new Class<?>[] {Stream.class}, (proxy, m, args) -> m.getName().equals("current") ? current : null));
    }

    @Test
    void operationsAreChangeloggedAsFaustWritesThem() {
        App app = App.create("golden");
        SetTable<String, String> tags = app.setTable("tags", String.class, String.class);
        start(app);
        event(5);
        // Faust's agent: (alice, "red"), (alice, "blue"), (alice, "-red"), one commit each here
        assertThat(tags.add("alice", "red")).isTrue();
        runtime.flushChanges();
        assertThat(tags.add("alice", "blue")).isTrue();
        assertThat(tags.add("alice", "blue")).as("already there").isFalse();
        runtime.flushChanges();
        assertThat(tags.discard("alice", "red")).isTrue();
        assertThat(tags.discard("alice", "pink")).isFalse();
        runtime.flushChanges();
        List<String> faust = new ArrayList<>();
        for (Rec r : WireSamples.topic("04-settable.txt", "golden-tags-changelog")) {
            if (r.partition() == 5) {
                faust.add(r.partition() + ":" + r.keyText() + "=" + r.valueText());
            }
        }
        assertThat(changelog).isEqualTo(faust).containsExactly(
                "5:[1,\"alice\"]=\"red\"", "5:[1,\"alice\"]=\"blue\"", "5:[2,\"alice\"]=\"red\"");
        assertThat(tags.get("alice")).containsExactly("blue");
        assertThat(tags.contains("alice", "blue")).isTrue();
        assertThat(tags.contains("alice", "red")).isFalse();

        changelog.clear();
        tags.add("bob", "green");
        tags.add("bob", "grey");
        tags.discard("bob", "green");
        runtime.flushChanges();
        assertThat(changelog).as("several operations between commits: one update")
                .containsExactly("5:[15,\"bob\"]=[[\"grey\"],[\"green\"]]");
        assertThat(tags.local()).containsOnly(Map.entry("alice", Set.of("blue")), Map.entry("bob", Set.of("grey")));
        assertThat(tags).hasSize(2);
    }

    @Test
    void aSetTableReplayedFromFaustsChangelogHoldsFaustsSets() {
        App app = App.create("golden");
        SetTable<String, String> tags = app.setTable("tags", String.class, String.class);
        TableImpl<String, List<String>> t = start(app);
        Map<Integer, List<Change>> batches = new java.util.TreeMap<>();
        for (Rec r : WireSamples.topic("04-settable.txt", "golden-tags-changelog")) {
            Held h = runtime.heldOf(t, r.partition());
            batches.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(h.fromChangelog(r.key(), r.value()));
        }
        batches.forEach((p, changes) -> { // one batch per partition, as the changelog reader applies them
            runtime.heldOf(t, p).store().apply(changes, changes.size() - 1);
            runtime.heldOf(t, p).batchApplied();
        });
        // Faust: alice {blue} (add red, add blue, discard red); bob {} (manager: add green, discard green)
        assertThat(tags.local()).containsOnly(Map.entry("alice", Set.of("blue")), Map.entry("bob", Set.of()));
        event(0);
        assertThat(tags.add("bob", "green")).isTrue();
        assertThat(tags.get("bob")).containsExactly("green");
    }

    @Test
    void aSetTableIsNotWrittenAsAPlainTable() {
        App app = App.create("golden");
        app.setTable("tags", String.class, String.class);
        TableImpl<String, List<String>> t = start(app);
        event(1);
        assertThatThrownBy(() -> t.put("x", List.of("y"))).isInstanceOf(FaustException.class)
                .hasMessageContaining("set table");
    }
}
