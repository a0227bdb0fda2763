package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's own commands: listed by {@code faust -A app --help}, run by {@code faust -A app NAME}. */
class AppCommandsTest {
    @TempDir
    Path dir;

    private static final String APP = """
            import faust.App;

            public class admin {
                public static final App app = App.create("admin");

                static {
                    app.command("greet", c -> c.help("say hello to someone")
                            .option("--times", "1", "how often").flag("--shout", "in capitals")
                            .argument("name", null, "whom to greet"), args -> {
                        for (int i = 0; i < args.integer("--times"); i++) {
                            String s = "hello " + args.get("name") + " from " + app.settings().text(faust.Setting.BROKER);
                            args.out().println(args.flag("--shout") ? s.toUpperCase() : s);
                        }
                    });
                    app.command("boom", args -> {
                        throw new IllegalStateException("the table is empty");
                    });
                }
            }
            """;

    @Test
    void theAppsCommandsAreListedInTheHelpAndRunWithTheAppConfigured() {
        AppFiles.write(dir, "admin.java", APP);
        CliRun.Result help = CliRun.run(dir, "-A", "admin", "--help");
        assertThat(help.status()).as(help.err()).isZero();
        assertThat(help.out()).contains("greet").contains("say hello to someone").contains("boom").contains("worker");

        CliRun.Result own = CliRun.run(dir, "-A", "admin", "greet", "--help");
        assertThat(own.status()).isZero();
        assertThat(own.out()).contains("faust -A APP [GLOBAL OPTIONS] greet [--times TIMES] [--shout] NAME")
                .contains("how often (default: 1)").contains("whom to greet");

        CliRun.Result r = CliRun.run(dir, "-A", "admin", "--broker", "kafka://example:1", "greet", "--times", "2",
                "--shout", "ann");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("HELLO ANN FROM KAFKA://EXAMPLE:1", "HELLO ANN FROM KAFKA://EXAMPLE:1");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCommandThatFailsIsOneLineAndStatusOneAndBadUsageIsStatusTwo() {
        AppFiles.write(dir, "admin.java", APP);
        CliRun.Result r = CliRun.run(dir, "-A", "admin", "boom");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("command 'boom' failed")
                .contains("the table is empty");

        CliRun.Result missing = CliRun.run(dir, "-A", "admin", "greet");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("NAME");

        CliRun.Result unknown = CliRun.run(dir, "-A", "admin", "gret");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'gret'").contains("greet");
    }

    @Test
    void anAppCommandOfAnAppThatDoesNotCompileReportsTheCompileError() {
        AppFiles.write(dir, "admin.java", APP.replace("App.create", "App.creat"));
        CliRun.Result r = CliRun.run(dir, "-A", "admin", "greet", "ann");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("admin.java").doesNotContain("unknown command");
    }

    @Test
    void aCommandNamedLikeABuiltInOneIsRefused() {
        AppFiles.write(dir, "clash.java", """
                import faust.App;

                public class clash {
                    public static final App app = App.create("clash");

                    static {
                        app.command("worker", args -> { });
                    }
                }
                """);
        CliRun.Result r = CliRun.run(dir, "-A", "clash", "agents");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("'worker'").contains("rename it");
    }
}
