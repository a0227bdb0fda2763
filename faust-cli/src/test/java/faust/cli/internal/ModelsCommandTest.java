package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
    @TempDir
    Path dir;

    private static final String GOLDEN = """
            import faust.App;
            import faust.codecs.FaustField;
            import faust.codecs.FaustRecord;
            import java.math.BigDecimal;
            import java.time.OffsetDateTime;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            public class golden {
                @FaustRecord
                record Inner(String name, int score) { }

                @FaustRecord
                record Sample(String s, long i, double f, BigDecimal d, OffsetDateTime dt,
                              @FaustField("opt_set") Optional<String> optSet, List<String> tags,
                              Map<String, Integer> counts, Inner inner) { }

                @FaustRecord(namespace = "golden.Audit")
                record Audit(String who) { }

                record Plain(int n) { }

                public static final App app = App.create("golden");

                static {
                    app.topic("samples-in", String.class, Sample.class);
                    app.table("plain", String.class, Plain.class, t -> { });
                    app.record(Audit.class);
                }
            }
            """;

    @Test
    void modelsListsTheRecordsOfTopicsTablesAndRegistrations() {
        AppFiles.write(dir, "golden.java", GOLDEN);

        CliRun.Result r = CliRun.run(dir, "-A", "golden", "models");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly(
                "name           class          fields",
                "Plain          golden$Plain   1",
                "golden.Audit   golden$Audit   1",
                "golden.Inner   golden$Inner   2",
                "golden.Sample  golden$Sample  9");
        assertThat(CliRun.run(dir, "-A", "golden", "models", "--builtins").out())
                .contains("@ReqRepResponse").contains("@SetManagerOperation")
                .contains("faust.agents.models.ModelReqRepResponse");
    }

    @Test
    void modelShowsTheFieldsAsTheyAreOnTheWire() {
        AppFiles.write(dir, "golden.java", GOLDEN);

        CliRun.Result r = CliRun.run(dir, "-A", "golden", "model", "golden.Sample");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly(
                "golden.Sample (golden$Sample)",
                "field    type                  default",
                "s        String                null",
                "i        long                  *",
                "f        double                *",
                "d        BigDecimal            null",
                "dt       OffsetDateTime        null",
                "opt_set  Optional<String>      null",
                "tags     List<String>          null",
                "counts   Map<String, Integer>  null",
                "inner    golden.Inner          null");
        assertThat(CliRun.run(dir, "-A", "golden", "model", "Inner").out()).contains("score  int     *");
        assertThat(CliRun.run(dir, "-A", "golden", "--json", "model", "Audit").out())
                .contains("{\"field\":\"who\",\"type\":\"String\",\"default\":\"null\"}");
    }

    @Test
    void anUnknownModelIsAUsageErrorWithASuggestion() {
        AppFiles.write(dir, "golden.java", GOLDEN);

        CliRun.Result r = CliRun.run(dir, "-A", "golden", "model", "golden.Sampel");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no model 'golden.Sampel' in app golden. Did you mean golden.Sample?"
                + " Run 'faust -A APP models' for a list.");
    }
}
