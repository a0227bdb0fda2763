package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage: one line on stderr, status 2, nothing on stdout, no stack trace. */
class ErrorsTest {
    @TempDir
    Path dir;

    private CliRun.Result usageError(String... args) {
        CliRun.Result r = CliRun.run(dir, args);
        assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.out()).as(String.join(" ", args)).isEmpty();
        assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
        assertThat(r.err()).as(String.join(" ", args)).startsWith("faust: ").doesNotContain("\tat ");
        return r;
    }

    @Test
    void unknownOption() {
        assertThat(usageError("-A", "proj", "worker", "--bogus").err())
                .contains("unknown option '--bogus'").contains("see 'faust worker --help'");
        assertThat(usageError("--bogus").err()).contains("unknown option '--bogus'");
    }

    @Test
    void unknownCommandSuggestsOne() {
        assertThat(usageError("-A", "proj", "wrker").err())
                .contains("unknown command 'wrker'").contains("did you mean worker");
    }

    @Test
    void badValues() {
        assertThat(usageError("-A", "proj", "worker", "--web-port", "abc").err())
                .contains("'--web-port'").contains("'abc'").contains("see 'faust worker --help'");
        assertThat(usageError("-A", "proj", "worker", "-l", "loud").err())
                .contains("'loud' is not a log level: give crit, error, warn, info or debug");
        assertThat(usageError("send", "t", "--repeat", "x").err()).contains("'--repeat'");
    }

    @Test
    void extraArgument() {
        assertThat(usageError("-A", "proj", "agents", "extra").err()).contains("unexpected argument 'extra'");
    }

    @Test
    void missingApp() {
        assertThat(usageError("worker").err())
                .isEqualTo("faust: 'faust worker' needs an app: give -A MODULE (MODULE.java in the working directory),"
                        + " e.g. 'faust -A proj worker', or -A com.example.Class" + System.lineSeparator());
        assertThat(usageError("agents").err()).contains("-A MODULE");
        assertThat(usageError("send", "@process", "1").err()).contains("needs an app");
    }

    @Test
    void appNotFoundSaysWhereItLooked() {
        assertThat(usageError("-A", "nope", "agents").err())
                .contains("no app 'nope'").contains(dir.resolve("nope.java").toString())
                .contains("class nope on the class path");
    }

    @Test
    void settingOutOfRangeNamesTheFlag() {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "proj"));
        assertThat(usageError("-A", "proj", "worker", "--web-port", "70000").err())
                .contains("--web-port").contains("70000").contains("0 to 65535");
        assertThat(usageError("-A", "proj", "worker", "--shutdown-timeout", "soon").err())
                .contains("--shutdown-timeout").contains("soon");
    }

    @Test
    void missingWorkdir() {
        assertThat(usageError("-W", "no-such-dir", "-A", "proj", "agents").err())
                .contains("-W/--workdir no-such-dir is not a directory");
    }

    @Test
    void unwritableLogfile() {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "proj"));
        AppFiles.write(dir, "file", "");
        assertThat(usageError("-A", "proj", "-f", "file/log.txt", "agents").err()).contains("-f/--logfile");
    }
}
