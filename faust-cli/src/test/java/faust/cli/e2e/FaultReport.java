package faust.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one fault run: printed as a table and written to {@code target/faults/<scenario>.md}; every run
 * also appends its row to {@code target/faults/figures.md} (a Markdown table, for docs/reliability.md).
 */
final class FaultReport {
    static final Path DIR = Path.of("target", "faults");
    private static final String HEADER = "| when | scenario | form | guarantee | events in | out | lost | duplicated"
            + " | time to recover | notes |\n|---|---|---|---|---|---|---|---|---|---|\n";

    private final String scenario;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    FaultReport(String scenario) {
        this.scenario = scenario;
    }

    FaultReport put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Prints the figures and writes them; returns the Markdown row. */
    String write() {
        StringBuilder table = new StringBuilder("fault run: " + scenario + " (" + FaultTest.form() + ", "
                + FaultTest.guarantee() + ")\n");
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        figures.forEach((k, v) -> table.append(String.format("  %-" + width + "s  %s%n", k, v)));
        System.out.print(table);
        String row = "| " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " | " + scenario + " | " + FaultTest.form()
                + " | " + FaultTest.guarantee() + " | " + get("events in") + " | " + get("events out") + " | "
                + get("lost") + " | " + get("duplicated") + " | " + get("time to recover") + " | "
                + get("notes") + " |\n";
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(scenario + ".md"), HEADER + row + "\n```\n" + table + "```\n");
            Path all = DIR.resolve("figures.md");
            if (!Files.exists(all)) {
                Files.writeString(all, HEADER);
            }
            Files.writeString(all, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row;
    }

    private Object get(String name) {
        Object v = figures.get(name);
        return v == null ? "–" : v;
    }
}
