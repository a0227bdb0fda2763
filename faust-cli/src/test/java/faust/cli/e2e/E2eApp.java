package faust.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The app the end-to-end tests run: {@code e2eapp.java}, compiled in memory by {@code -A e2eapp}. Its agent
 * {@code process} (topic {@code <id>-process}) writes a line {@code topic partition offset value} to
 * {@code $E2E_DIR/begin.txt} when it starts an event and to {@code done.txt} when it finished it, after
 * sleeping {@code E2E_SLEEP_MS}. A value starting with {@code spawn} starts two {@code sleep 300}
 * subprocesses (a child and a double-forked grandchild) and writes their pids to {@code pids.txt}; one
 * starting with {@code stuck} never finishes and ignores interrupts. The app id is {@code E2E_APP_ID}, the
 * agent's concurrency {@code E2E_CONCURRENCY}.
 */
final class E2eApp {
    static final String SOURCE = """
            import faust.App;
            import faust.Event;
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            /** End-to-end test app: records what its agent begins and finishes. */
            public class e2eapp {
                public static final App app = App.create(System.getenv("E2E_APP_ID"));
                private static final Path DIR = Path.of(System.getenv("E2E_DIR"));
                private static final long SLEEP_MS = Long.parseLong(System.getenv().getOrDefault("E2E_SLEEP_MS", "0"));

                static {
                    app.agent("process", stream -> {
                        for (Event<byte[], Object> event : stream.events()) {
                            String value = String.valueOf(event.value());
                            String line = event.topic() + " " + event.partition() + " " + event.offset() + " " + value;
                            append("begin.txt", line);
                            if (value.startsWith("spawn")) {
                                spawn();
                            }
                            if (value.startsWith("stuck")) {
                                stuck();
                            }
                            sleep(SLEEP_MS);
                            append("done.txt", line);
                        }
                    }, options -> options.concurrency(
                            Integer.parseInt(System.getenv().getOrDefault("E2E_CONCURRENCY", "1"))));
                }

                static void sleep(long ms) {
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // a cold shutdown: the event stays unfinished
                        throw new IllegalStateException("interrupted", e);
                    }
                }

                static void stuck() {
                    while (true) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException ignored) {
                            // a badly behaved agent: ignores interrupts
                        }
                    }
                }

                static void spawn() {
                    try {
                        Process child = new ProcessBuilder("sleep", "300")
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                        // the "double fork": sh exits at once, its sleep is no child of the JVM any more
                        Process sh = new ProcessBuilder("/bin/sh", "-c", "sleep 301 >/dev/null 2>&1 & echo $!").start();
                        String grandchild = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                        sh.waitFor();
                        append("pids.txt", child.pid() + "\\n" + grandchild);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }

                static void append(String file, String line) {
                    try {
                        Files.writeString(DIR.resolve(file), line + "\\n", StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            """;

    private E2eApp() {
    }

    /** Writes {@code e2eapp.java} into {@code dir}. */
    static void write(Path dir) {
        try {
            Files.writeString(dir.resolve("e2eapp.java"), SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One event as the agent reported it.
     *
     * @param partition its partition
     * @param offset its offset
     * @param value its value
     */
    record Done(int partition, long offset, String value) implements Comparable<Done> {
        @Override
        public int compareTo(Done o) {
            int c = Integer.compare(partition, o.partition);
            return c != 0 ? c : Long.compare(offset, o.offset);
        }

        @Override
        public String toString() {
            return partition + "@" + offset;
        }
    }

    /**
     * @param worker the worker's directory
     * @param file {@code begin.txt} or {@code done.txt}
     * @return the events in it, in file order (duplicates kept)
     */
    static List<Done> read(Path worker, String file) {
        Path p = worker.resolve(file);
        if (!Files.exists(p)) {
            return List.of();
        }
        try {
            List<Done> out = new ArrayList<>();
            for (String line : Files.readAllLines(p)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ", 4);
                out.add(new Done(Integer.parseInt(f[1]), Long.parseLong(f[2]), f.length > 3 ? f[3] : ""));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Done> done(Launched w) {
        return read(w.dir, "done.txt");
    }

    static List<Done> begun(Launched w) {
        return read(w.dir, "begin.txt");
    }

    /** @return the pids of the subprocesses the worker's agent started */
    static List<Long> spawned(Launched w) {
        Path p = w.dir.resolve("pids.txt");
        try {
            return Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> !l.isBlank())
                    .map(l -> Long.parseLong(l.trim())).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return offsets by partition, sorted */
    static Map<Integer, TreeSet<Long>> byPartition(Collection<Done> events) {
        return events.stream().collect(Collectors.groupingBy(Done::partition, TreeMap::new,
                Collectors.mapping(Done::offset, Collectors.toCollection(TreeSet::new))));
    }
}
