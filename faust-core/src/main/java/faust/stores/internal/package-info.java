/**
 * Store implementations behind {@code faust.stores}: the in-memory store, the metered decorator, the
 * bookkeeping shared by factories, and (in {@code faust.stores.internal.rocksdb}, the only package that
 * imports {@code org.rocksdb}) the RocksDB store. Not an API: use {@link faust.stores.Stores}.
 */
package faust.stores.internal;
