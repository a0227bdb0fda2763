package faust.tables.internal;

import java.util.Arrays;

/** A key as a map key: bytes compared by content. */
record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
