package faust.stores;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One write in a batch given to {@link PartitionStore#apply(java.util.List, long)}: set {@code key} to
 * {@code value}, or delete {@code key} when {@code value} is null (a changelog tombstone).
 *
 * <p>The arrays are not copied; callers must not change them after handing the change to a store.
 * Equality compares the array contents.
 *
 * @param key the serialized key, never null
 * @param value the serialized value, or null to delete the key
 */
public record Change(byte[] key, byte[] value) {
    /**
     * Checks the key.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Change {
        Objects.requireNonNull(key, "key");
    }

    /**
     * {@return a change that sets {@code key} to {@code value}}
     *
     * @param key the serialized key
     * @param value the serialized value, not null
     * @throws NullPointerException if either is null
     */
    public static Change put(byte[] key, byte[] value) {
        return new Change(key, Objects.requireNonNull(value, "value"));
    }

    /**
     * {@return a change that deletes {@code key}}
     *
     * @param key the serialized key
     */
    public static Change delete(byte[] key) {
        return new Change(key, null);
    }

    /** {@return true when this change deletes its key} */
    public boolean isDelete() {
        return value == null;
    }

    /** {@return true when {@code o} is a change with the same key and value bytes} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Change c && Arrays.equals(key, c.key) && Arrays.equals(value, c.value);
    }

    /** {@return a hash of the key and value bytes} */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    /** {@return the key and value in hex, for logs and test failures} */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Change[" + hex.formatHex(key) + " -> " + (value == null ? "delete" : hex.formatHex(value)) + "]";
    }
}
