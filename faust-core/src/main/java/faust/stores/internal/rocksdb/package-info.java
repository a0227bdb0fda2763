/**
 * The RocksDB store: one database per table partition in {@code <tablesDir>/<table>-<partition>.db}.
 * The only package that imports {@code org.rocksdb}.
 */
package faust.stores.internal.rocksdb;
