package faust.stores;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
    @TempDir
    Path dir;

    @Test
    void shouldPickRocksDbWhenUrlIsRocksDbOrMissing() {
        for (String url : new String[] {"rocksdb://", "RocksDB://", "rocksdb:", "rocksdb", " rocksdb:// ", null, ""}) {
            try (StoreFactory f = Stores.of(url, dir)) {
                assertThat(f.url()).as(String.valueOf(url)).isEqualTo(Stores.DEFAULT_URL);
            }
        }
    }

    @Test
    void shouldPickMemoryWhenUrlIsMemory() {
        try (StoreFactory f = Stores.of("memory://", null)) {
            assertThat(f.url()).isEqualTo("memory://");
        }
        try (StoreFactory f = Stores.memory()) {
            assertThat(f.url()).isEqualTo("memory://");
        }
    }

    @Test
    void shouldNameSettingAndChoicesWhenUrlIsUnknown() {
        for (String url : List.of("aerospike://", "rocksdb://host/path", "redis")) {
            assertThatThrownBy(() -> Stores.of(url, dir)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("store").hasMessageContaining("FAUST_STORE")
                    .hasMessageContaining("'" + url + "'")
                    .hasMessageContaining("rocksdb://").hasMessageContaining("memory://");
        }
    }

    @Test
    void shouldCountCallsWhenMetered() {
        try (StoreFactory f = Stores.memory()) {
            MeteredPartitionStore m = Stores.metered(f.open("t", 0));
            assertThat(Stores.metered(m)).isSameAs(m);
            m.put("a".getBytes(UTF_8), "1".getBytes(UTF_8));
            m.get("a".getBytes(UTF_8));
            m.get("b".getBytes(UTF_8));
            m.delete("a".getBytes(UTF_8));
            m.apply(List.of(Change.put("x".getBytes(UTF_8), "1".getBytes(UTF_8)), Change.delete("y".getBytes(UTF_8))), 3);
            assertThatThrownBy(() -> m.put("k".getBytes(UTF_8), null)).isInstanceOf(NullPointerException.class);
            StoreMetrics s = m.metrics();
            assertThat(s.gets()).isEqualTo(2);
            assertThat(s.puts()).isEqualTo(2);
            assertThat(s.deletes()).isEqualTo(1);
            assertThat(s.batches()).isEqualTo(1);
            assertThat(s.batchedChanges()).isEqualTo(2);
            assertThat(s.getNanos()).isPositive();
            assertThat(m.appliedOffset()).isEqualTo(3);
            assertThat(m.name()).isEqualTo("t-0");
            m.close();
            assertThat(m.inner().isOpen()).isFalse();
        }
    }

    @Test
    void shouldCompareChangesByContent() {
        assertThat(Change.put("k".getBytes(UTF_8), "v".getBytes(UTF_8)))
                .isEqualTo(new Change("k".getBytes(UTF_8), "v".getBytes(UTF_8)))
                .hasSameHashCodeAs(new Change("k".getBytes(UTF_8), "v".getBytes(UTF_8)));
        assertThat(Change.delete("k".getBytes(UTF_8)).isDelete()).isTrue();
        assertThat(Change.delete("k".getBytes(UTF_8)).toString()).contains("6b").contains("delete");
        assertThatThrownBy(() -> Change.put("k".getBytes(UTF_8), null)).isInstanceOf(NullPointerException.class);
    }
}
