/**
 * The storage layer under tables: a small SPI over raw bytes.
 *
 * <p>A {@link faust.stores.PartitionStore} holds the keys and values of one partition of one table, already
 * serialized, plus the offset of the last changelog record applied to it. A {@link faust.stores.StoreFactory},
 * made by {@link faust.stores.Stores#of(String, java.nio.file.Path)} from the {@code store} setting
 * ({@code rocksdb://}, the default, or {@code memory://}), opens and resets them. Typed tables and the
 * changelogging layer are built on top of these byte stores; serialization happens once, outside this
 * package. Implementations live in {@code faust.stores.internal}; only
 * {@code faust.stores.internal.rocksdb} imports {@code org.rocksdb}.
 */
package faust.stores;
