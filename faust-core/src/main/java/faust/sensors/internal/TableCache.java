package faust.sensors.internal;

import faust.internal.Clock;
import java.util.List;

/** The tables' figures, read from the tables at most once a second however many meters ask. */
final class TableCache implements TableSource {
    private static final long MAX_AGE = 1_000_000_000L;
    private static final TableStats EMPTY = new TableStats("", 0, List.of(), List.of(), 0, 0, 0, 0, 0);

    private final TableSource source;
    private final Clock clock;
    private List<TableStats> tables;
    private Recovery recovery;
    private long tablesAt = Long.MIN_VALUE;
    private long recoveryAt = Long.MIN_VALUE;

    TableCache(TableSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public synchronized List<TableStats> tables() {
        long now = clock.nanoTime();
        if (tables == null || now - tablesAt >= MAX_AGE) {
            try {
                tables = List.copyOf(source.tables());
            } catch (RuntimeException e) { // a store closed by a rebalance meanwhile: keep the last figures
                if (tables == null) {
                    tables = List.of();
                }
            }
            tablesAt = now;
        }
        return tables;
    }

    @Override
    public synchronized Recovery recovery() {
        long now = clock.nanoTime();
        if (recovery == null || now - recoveryAt >= MAX_AGE) {
            recovery = source.recovery();
            recoveryAt = now;
        }
        return recovery;
    }

    TableStats stats(String table) {
        for (TableStats t : tables()) {
            if (t.name().equals(table)) {
                return t;
            }
        }
        return EMPTY;
    }

    double operations(String table, String op) {
        TableStats t = stats(table);
        return switch (op) {
            case "get" -> t.gets();
            case "put" -> t.puts();
            case "delete" -> t.deletes();
            default -> t.batches();
        };
    }
}
