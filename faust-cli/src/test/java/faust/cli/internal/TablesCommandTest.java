package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesCommandTest {
    @TempDir
    Path dir;

    private static final String WORD_COUNT = """
            import faust.App;
            import faust.Table;

            public class wc {
                public static final App app = App.create("wc");
                static final Table<String, Long> counts =
                        app.table("counts", String.class, Long.class, t -> t.defaultValue(0L).help("words seen"));
            }
            """;

    @Test
    void listsTheTablesWithTheirChangelogs() {
        AppFiles.write(dir, "wc.java", WORD_COUNT);

        CliRun.Result r = CliRun.run(dir, "-A", "wc", "tables");

        assertThat(r.status()).isZero();
        assertThat(r.outLines()).containsExactly(
                "name    changelog            help",
                "counts  wc-counts-changelog  words seen");
    }

    @Test
    void resetDeletesTheLocalStoresOfTheCurrentVersionOnly() throws Exception {
        AppFiles.write(dir, "wc.java", WORD_COUNT);
        Path tables = dir.resolve("wc-data/v1/tables/counts-0.db");
        Files.createDirectories(tables);
        Files.writeString(tables.resolve("CURRENT"), "x");
        Path older = Files.createDirectories(dir.resolve("wc-data/v0/tables"));

        CliRun.Result r = CliRun.run(dir, "-A", "wc", "reset");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("deleted local tables of wc");
        assertThat(dir.resolve("wc-data/v1/tables")).doesNotExist();
        assertThat(older).exists();
    }
}
