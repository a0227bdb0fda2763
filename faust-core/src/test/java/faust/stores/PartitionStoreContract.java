package faust.stores;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.FaustException;
import faust.stores.internal.StoreKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link PartitionStore} must do; subclasses supply the factory. */
public abstract class PartitionStoreContract {
    @TempDir
    protected Path tablesDir;
    protected StoreFactory factory;
    protected PartitionStore store;

    /** {@return a new factory for stores under {@code dir}} */
    protected abstract StoreFactory newFactory(Path dir);

    /** {@return true when data and the applied offset survive close and open} */
    protected abstract boolean persistent();

    @BeforeEach
    void openStore() {
        factory = newFactory(tablesDir);
        store = factory.open("orders", 3);
    }

    @AfterEach
    void closeFactory() {
        factory.close();
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    protected static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    protected static List<String> keys(PartitionStore s) {
        List<String> keys = new ArrayList<>();
        s.forEach((k, v) -> keys.add(HexFormat.of().formatHex(k)));
        return keys;
    }

    @Test
    void shouldReturnNullWhenKeyIsMissing() {
        assertThat(store.get(b("nope"))).isNull();
    }

    @Test
    void shouldGetWhatWasPutAndLastPutWins() {
        store.put(b("k"), b("v1"));
        assertThat(store.get(b("k"))).isEqualTo(b("v1"));
        store.put(b("k"), b("v2"));
        assertThat(store.get(b("k"))).isEqualTo(b("v2"));
    }

    @Test
    void shouldForgetDeletedKeysAndIgnoreMissingOnes() {
        store.put(b("k"), b("v"));
        store.delete(b("k"));
        store.delete(b("never"));
        assertThat(store.get(b("k"))).isNull();
        assertThat(keys(store)).isEmpty();
    }

    @Test
    void shouldHandOutCopiesWhenCallerChangesReturnedArray() {
        store.put(b("k"), b("v"));
        byte[] got = store.get(b("k"));
        got[0] = 'X';
        assertThat(store.get(b("k"))).isEqualTo(b("v"));
    }

    @Test
    void shouldAcceptEmptyKeysAndValues() {
        store.put(new byte[0], new byte[0]);
        assertThat(store.get(new byte[0])).isEmpty();
    }

    @Test
    void shouldRejectNullValueInPut() {
        assertThatThrownBy(() -> store.put(b("k"), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldHaveNoAppliedOffsetWhenNew() {
        assertThat(store.appliedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldApplyChangesAndOffsetTogether() {
        store.put(b("gone"), b("x"));
        store.apply(List.of(Change.put(b("a"), b("1")), Change.delete(b("gone")), Change.put(b("b"), b("2"))), 41);
        assertThat(store.appliedOffset()).isEqualTo(41);
        assertThat(store.get(b("a"))).isEqualTo(b("1"));
        assertThat(store.get(b("b"))).isEqualTo(b("2"));
        assertThat(store.get(b("gone"))).isNull();
    }

    @Test
    void shouldLetLaterChangeWinWhenBatchTouchesKeyTwice() {
        store.apply(List.of(Change.put(b("a"), b("1")), Change.put(b("a"), b("2"))), 0);
        store.apply(List.of(Change.put(b("c"), b("1")), Change.delete(b("c"))), 1);
        assertThat(store.get(b("a"))).isEqualTo(b("2"));
        assertThat(store.get(b("c"))).isNull();
    }

    @Test
    void shouldKeepOffsetWhenBatchHasNoOffset() {
        store.apply(List.of(), 7);
        store.apply(List.of(Change.put(b("a"), b("1"))));
        store.put(b("b"), b("2"));
        store.delete(b("b"));
        assertThat(store.appliedOffset()).isEqualTo(7);
        assertThat(store.get(b("a"))).isEqualTo(b("1"));
    }

    @Test
    void shouldSetAndForgetAppliedOffset() {
        store.setAppliedOffset(100);
        assertThat(store.appliedOffset()).isEqualTo(100);
        store.setAppliedOffset(-1);
        assertThat(store.appliedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldRejectBadOffsets() {
        assertThatThrownBy(() -> store.apply(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.setAppliedOffset(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectReservedOffsetKeyAndWriteNothingOfTheBatch() {
        byte[] reserved = StoreKeys.offsetKey();
        assertThatThrownBy(() -> store.put(reserved, b("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(reserved)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.apply(List.of(Change.put(b("a"), b("1")), Change.put(reserved, b("9"))), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThat(store.get(b("a"))).isNull();
        assertThat(store.appliedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldNotShowOffsetKeyWhenIterating() {
        store.apply(List.of(Change.put(b("_"), b("1")), Change.put(b("__faust"), b("2")),
                Change.put(b("__faust\0offset__x"), b("3"))), 12);
        assertThat(keys(store)).containsExactly(
                HexFormat.of().formatHex(b("_")), HexFormat.of().formatHex(b("__faust")),
                HexFormat.of().formatHex(b("__faust\0offset__x")));
        assertThat(store.approximateCount()).isEqualTo(3);
    }

    @Test
    void shouldIterateInUnsignedByteOrder() {
        for (String k : List.of("ff", "80", "7f", "00", "", "0000", "01", "8000", "ff00")) {
            store.put(hex(k), hex(k));
        }
        assertThat(keys(store)).containsExactly("", "00", "0000", "01", "7f", "80", "8000", "ff", "ff00");
        List<String> values = new ArrayList<>();
        store.forEach((k, v) -> values.add(HexFormat.of().formatHex(v)));
        assertThat(values).isEqualTo(keys(store));
    }

    @Test
    void shouldIterateRangeFromInclusiveToExclusive() {
        for (String k : List.of("01", "02", "0201", "03", "80", "ff")) {
            store.put(hex(k), b("v"));
        }
        assertThat(hexKeys(store.range(hex("02"), hex("03")))).containsExactly("02", "0201");
        assertThat(hexKeys(store.range(hex("03"), null))).containsExactly("03", "80", "ff");
        assertThat(hexKeys(store.range(null, hex("02")))).containsExactly("01");
        assertThat(hexKeys(store.range(hex("80"), hex("80")))).isEmpty();
        assertThat(hexKeys(store.range(hex("ff"), hex("01")))).isEmpty();
    }

    private static List<String> hexKeys(CloseableIterator<Map.Entry<byte[], byte[]>> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(e -> keys.add(HexFormat.of().formatHex(e.getKey())));
        }
        return keys;
    }

    @Test
    void shouldEndIterationCleanlyWhenClosedEarly() {
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"));
        CloseableIterator<Map.Entry<byte[], byte[]>> it = store.iterator();
        assertThat(it.hasNext()).isTrue();
        assertThat(it.next().getKey()).isEqualTo(b("a"));
        it.close();
        it.close();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void shouldCountKeys() {
        for (int i = 0; i < 100; i++) {
            store.put(b("k" + i), b("v"));
        }
        store.setAppliedOffset(99);
        assertThat(store.approximateCount()).isEqualTo(100);
    }

    @Test
    void shouldFailClearlyWhenUsedAfterClose() {
        store.close();
        store.close();
        assertThat(store.isOpen()).isFalse();
        assertThatThrownBy(() -> store.get(b("k"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orders-3").hasMessageContaining("closed");
        assertThatThrownBy(() -> store.put(b("k"), b("v"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.apply(List.of(), 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::iterator).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::appliedOffset).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldFailIterationWhenStoreClosesUnderIt() {
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"));
        CloseableIterator<Map.Entry<byte[], byte[]>> it = store.iterator();
        it.next();
        store.close();
        assertThatThrownBy(() -> {
            while (it.hasNext()) {
                it.next();
            }
        }).isInstanceOf(IllegalStateException.class);
        it.close();
    }

    @Test
    void shouldKeepOrDropDataWhenReopened() {
        store.apply(List.of(Change.put(b("a"), b("1"))), 41);
        store.close();
        PartitionStore again = factory.open("orders", 3);
        if (persistent()) {
            assertThat(again.get(b("a"))).isEqualTo(b("1"));
            assertThat(again.appliedOffset()).isEqualTo(41);
        } else {
            assertThat(again.get(b("a"))).isNull();
            assertThat(again.appliedOffset()).isEqualTo(-1);
        }
    }

    @Test
    void shouldReopenTwentyTimesWhenClosedEachTime() {
        store.close();
        for (int i = 0; i < 20; i++) {
            try (PartitionStore s = factory.open("orders", 3)) {
                s.apply(List.of(Change.put(b("k" + i), b("v"))), i);
            }
        }
        try (PartitionStore s = factory.open("orders", 3)) {
            assertThat(s.appliedOffset()).isEqualTo(persistent() ? 19 : -1);
            assertThat(keys(s)).hasSize(persistent() ? 20 : 0);
        }
    }

    @Test
    void shouldFailClearlyWhenOpenedTwiceWithoutClosing() {
        assertThatThrownBy(() -> factory.open("orders", 3)).isInstanceOf(FaustException.class)
                .hasMessageContaining("orders-3").hasMessageContaining("already open");
        store.close();
        factory.open("orders", 3).close();
    }

    @Test
    void shouldKeepPartitionsAndTablesApart() {
        try (PartitionStore other = factory.open("orders", 4);
                PartitionStore otherTable = factory.open("orders.v2", 3)) {
            store.put(b("k"), b("3"));
            other.put(b("k"), b("4"));
            otherTable.apply(List.of(), 9);
            assertThat(other.get(b("k"))).isEqualTo(b("4"));
            assertThat(otherTable.get(b("k"))).isNull();
            assertThat(store.appliedOffset()).isEqualTo(-1);
        }
    }

    @Test
    void shouldRemoveDataWhenDestroyed() {
        store.apply(List.of(Change.put(b("a"), b("1"))), 5);
        store.destroy();
        assertThat(store.isOpen()).isFalse();
        try (PartitionStore again = factory.open("orders", 3)) {
            assertThat(again.get(b("a"))).isNull();
            assertThat(again.appliedOffset()).isEqualTo(-1);
        }
    }

    @Test
    void shouldResetOnlyTheNamedTable() {
        PartitionStore keep = factory.open("orders-archive", 0);
        keep.apply(List.of(Change.put(b("a"), b("1"))), 1);
        keep.close();
        store.apply(List.of(Change.put(b("a"), b("1"))), 1);
        factory.reset("orders");
        assertThat(store.isOpen()).isFalse();
        try (PartitionStore again = factory.open("orders", 3);
                PartitionStore kept = factory.open("orders-archive", 0)) {
            assertThat(again.get(b("a"))).isNull();
            assertThat(kept.get(b("a"))).isEqualTo(persistent() ? b("1") : null);
        }
        factory.resetAll();
        try (PartitionStore kept = factory.open("orders-archive", 0)) {
            assertThat(kept.get(b("a"))).isNull();
        }
    }

    @Test
    void shouldCloseOpenStoresWhenFactoryCloses() {
        factory.close();
        assertThat(store.isOpen()).isFalse();
        assertThatThrownBy(() -> factory.open("orders", 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectBadTableNamesAndPartitions() {
        for (String name : List.of("", ".", "..", "a/b", "..\\x", "a\0b")) {
            assertThatThrownBy(() -> factory.open(name, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> factory.open("t", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFlushWithoutError() {
        store.put(b("a"), b("1"));
        store.flush();
        assertThat(store.get(b("a"))).isEqualTo(b("1"));
    }
}
