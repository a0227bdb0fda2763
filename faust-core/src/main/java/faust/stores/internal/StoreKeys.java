package faust.stores.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import faust.stores.Change;

/** The reserved offset key, its value encoding, and the checks every store makes on names and keys. */
public final class StoreKeys {
    /**
     * Key of the applied changelog offset, the same bytes Python Faust's RocksDB store uses. The value is
     * the offset in ASCII decimal, also as Faust writes it, so a datadir stays readable by both.
     */
    private static final byte[] OFFSET_KEY = "__faust\0offset__".getBytes(StandardCharsets.US_ASCII);

    private StoreKeys() {
    }

    /** {@return a copy of the reserved offset key} */
    public static byte[] offsetKey() {
        return OFFSET_KEY.clone();
    }

    /** {@return true when {@code key} is the reserved offset key} */
    public static boolean isOffsetKey(byte[] key) {
        return key.length == OFFSET_KEY.length && Arrays.equals(key, OFFSET_KEY);
    }

    /** {@return {@code offset} encoded as the offset key's value} */
    public static byte[] encodeOffset(long offset) {
        return Long.toString(offset).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@return the offset in {@code value}, or -1 for null} */
    public static long decodeOffset(byte[] value, String store) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            throw new faust.FaustException("table store " + store + " has a corrupt applied offset '"
                    + new String(value, StandardCharsets.US_ASCII) + "'; delete it with 'faust reset'", e);
        }
    }

    /** Checks a key handed in for a write. */
    public static void checkWriteKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (isOffsetKey(key)) {
            throw new IllegalArgumentException("the key __faust\\0offset__ is reserved for the applied offset");
        }
    }

    /** Checks every key of a batch before any of it is written. */
    public static void checkBatch(List<Change> changes) {
        Objects.requireNonNull(changes, "changes");
        for (Change c : changes) {
            checkWriteKey(Objects.requireNonNull(c, "change").key());
        }
    }

    /** Checks an offset given to {@code apply}. */
    public static void checkBatchOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("changelog offset must be >= 0, got " + offset);
        }
    }

    /** Checks an offset given to {@code setAppliedOffset}. */
    public static void checkOffset(long offset) {
        if (offset < -1) {
            throw new IllegalArgumentException("applied offset must be >= -1, got " + offset);
        }
    }

    /**
     * {@return {@code <table>-<partition>}, the store's name and (plus {@code .db}) its directory name}
     *
     * @throws IllegalArgumentException for a name that could leave the tables directory or a bad partition
     */
    public static String storeName(String table, int partition) {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty() || table.equals(".") || table.equals("..")
                || table.indexOf('/') >= 0 || table.indexOf('\\') >= 0 || table.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad table name '" + table
                    + "': it must be non-empty, not '.' or '..', and contain no '/', '\\' or NUL");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition + " for table " + table);
        }
        return table + "-" + partition;
    }
}
