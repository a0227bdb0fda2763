package faust.sensors.internal;

import java.util.List;

/** What the sensors read from the worker's tables. Called from the sensors' threads. */
public interface TableSource {
    /** No tables. */
    TableSource NONE = new TableSource() {
        @Override
        public List<TableStats> tables() {
            return List.of();
        }

        @Override
        public Recovery recovery() {
            return new Recovery(0, List.of());
        }
    };

    /**
     * One table.
     *
     * @param name its name
     * @param keys keys in the partitions held active here (approximate for RocksDB)
     * @param active partitions held active
     * @param standby partitions kept as standby
     * @param gets store reads
     * @param puts store writes of one key
     * @param deletes store deletes of one key
     * @param batches batches written
     * @param changes changes written in batches
     */
    record TableStats(String name, long keys, List<Integer> active, List<Integer> standby, long gets, long puts,
                      long deletes, long batches, long changes) {
    }

    /**
     * One table partition being recovered from its changelog.
     *
     * @param table the table
     * @param partition the partition
     * @param from the first changelog offset read
     * @param position the next changelog offset to read
     * @param target the changelog's end when the recovery began
     */
    record Recovering(String table, int partition, long from, long position, long target) {
        /** @return records left to read */
        public long left() {
            return Math.max(0, target - position);
        }
    }

    /**
     * The changelog reader's progress.
     *
     * @param recordsRead changelog records read into local stores so far
     * @param recovering partitions being recovered now
     */
    record Recovery(long recordsRead, List<Recovering> recovering) {
        /** @return records left to read over all of them */
        public long left() {
            return recovering.stream().mapToLong(Recovering::left).sum();
        }
    }

    /** @return the tables (expensive for large in-memory tables: read at most once a second) */
    List<TableStats> tables();

    /** @return recovery progress */
    Recovery recovery();
}
