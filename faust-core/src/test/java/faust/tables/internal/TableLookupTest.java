package faust.tables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.FaustException;
import faust.internal.Clock;
import faust.internal.Sender;
import faust.internal.TableImpl;
import faust.stores.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §5: outside an agent a key is found in its home partition first, then in the other partitions this
 * worker holds (keys that another client's partitioner placed elsewhere), and written where it was found.
 */
class TableLookupTest {
    /** Home partition of every key: partition 0 (a stand-in for murmur2). */
    private static final int HOME = 0;

    private final List<String> changelog = new ArrayList<>();
    private TableImpl<String, Long> counts;
    private TableRuntime runtime;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        App app = App.create("lookup");
        counts = (TableImpl<String, Long>) app.table("counts", String.class, Long.class, t -> t.defaultValue(0L));
        Sender sender = new RecordingSender(changelog);
        runtime = new TableRuntime(List.of(counts), Map.of("counts", 4), Map.of("counts", Stores.memory()), sender,
                (key, n) -> HOME, Clock.SYSTEM);
        runtime.bind();
        for (int p : new int[] {0, 2, 3}) {
            runtime.holdOrOpen(counts, p).active(true);
        }
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private void store(int partition, String key, long value) {
        runtime.holdOrOpen(counts, partition).store().put(counts.encodeKey(key), counts.encodeValue(value));
    }

    @Test
    void aKeyOutsideItsHomePartitionIsFoundAndUpdatedWhereItIs() {
        store(2, "kcat", 5); // produced by librdkafka's partitioner: not where murmur2 puts it
        store(HOME, "java", 7);
        assertThat(counts.get("kcat")).isEqualTo(5L);
        assertThat(counts.get("java")).isEqualTo(7L);
        assertThat(counts.containsKey("kcat")).isTrue();
        counts.update("kcat", n -> n + 1);
        runtime.flushChanges();
        assertThat(changelog).containsExactly("2:\"kcat\"=6");
        assertThat(counts.get("kcat")).isEqualTo(6L);
    }

    @Test
    void theHomePartitionIsSearchedFirstAndGetsNewKeys() {
        store(HOME, "both", 1);
        store(3, "both", 9); // a stale copy elsewhere does not win over the home partition
        assertThat(counts.get("both")).isEqualTo(1L);
        assertThat(counts.get("new")).as("default value").isEqualTo(0L);
        counts.put("new", 4L);
        runtime.flushChanges();
        assertThat(changelog).containsExactly("0:\"new\"=4");
        assertThat(runtime.find(counts, counts.encodeKey("nowhere"), HOME)).isEqualTo(-1);
        assertThat(runtime.find(counts, counts.encodeKey("both"), 3)).isEqualTo(3);
    }

    @Test
    void aKeyWhoseHomePartitionIsNotHeldHereIsNotGuessed() {
        runtime.release(counts, HOME);
        store(2, "elsewhere", 3);
        assertThat(counts.get("elsewhere")).as("found in another held partition").isEqualTo(3L);
        assertThatThrownBy(() -> counts.get("missing")).isInstanceOf(FaustException.class)
                .hasMessageContaining("partition 0 is not held by this worker");
    }
}
