package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import faust.Faust;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTest {
    @TempDir
    Path dir;

    @Test
    void workerHelpListsEveryWorkerOptionWithItsDefault() {
        CliRun.Result r = CliRun.run(dir, "worker", "--help");

        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help)
                .startsWith("Usage: faust -A APP [GLOBAL OPTIONS] worker [OPTIONS]")
                .doesNotContain("${DEFAULT-VALUE}")
                .contains("-p, --web-port=PORT web server port; 0 picks a free one (default: 6066; env FAUST_WEB_PORT)")
                .contains("-b, --web-bind=ADDRESS address the web server listens on (default: 127.0.0.1;")
                .contains("--web-host=HOST host name other workers use to reach this one (default: the --web-bind")
                .contains("--with-web run the web server (default;")
                .contains("--without-web do not run the web server")
                .contains("--shutdown-timeout=SECONDS how long a warm shutdown may take")
                .contains("(default: 60; env FAUST_SHUTDOWN_TIMEOUT)")
                .contains("--blocking-timeout=SECONDS warn when one event takes longer than this; 0 = off"
                        + " (default: 0; env FAUST_BLOCKING_TIMEOUT)")
                // global options are accepted after the command too, so they are listed
                .contains("Global options: ").contains("-A, --app=APP")
                .contains("-l, --loglevel=LEVEL log level: crit, error, warn, info or debug (default: warn)")
                .contains("-D, --datadir=DIR").contains("-W, --workdir=DIR").contains("-f, --logfile=FILE")
                .contains("--broker=URL").contains("--classpath=PATH").contains("-q, --quiet").contains("--json");
    }

    @Test
    void workerHelpShowsTheExitStatuses() {
        String help = CliRun.run(dir, "worker", "--help").out();

        assertThat(help).contains("Exit status:");
        assertThat(help.replaceAll("\\s+", " "))
                .contains("0 warm shutdown completed")
                .contains("2 bad usage")
                .contains("3 cold shutdown (QUIT)")
                .contains("4 the warm shutdown did not finish within --shutdown-timeout");
    }

    @Test
    void rootHelpListsTheCommands() {
        CliRun.Result r = CliRun.run(dir, "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("worker").contains("send").contains("agents").contains("broker")
                .contains("models").contains("model");
        assertThat(r.out().replaceAll("\\s+", "")).contains("${FAUST_HOME:-~/.faust}/dev-broker");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"send", "--help"}, {"agents", "-h"}, {"broker", "--help"},
            {"models", "--help"}, {"model", "--help"}, {"status", "--help"},
            {"broker", "start", "--help"}, {"broker", "stop", "--help"}, {"broker", "status", "--help"}}) {
            CliRun.Result r = CliRun.run(dir, args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.out().lines().findFirst().orElseThrow()).as(String.join(" ", args))
                    .startsWith("Usage: faust").contains(" " + args[0]);
        }
        assertThat(CliRun.run(dir, "send", "--help").out()).contains("(default: 1)").contains("--partition=N");
        assertThat(CliRun.run(dir, "broker", "--help").out()).contains("-p, --port=PORT").contains("(default: 9092)");
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun.Result r = CliRun.run(dir, "--version");

        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("Faust for Java " + Faust.VERSION + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noArgumentsPrintsAShortUsageAndFails() {
        CliRun.Result r = CliRun.run(dir);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Usage: faust").contains("worker, send, agents, tables, models, model, reset,"
                + " status, broker");
        assertThat(r.errLines()).hasSizeLessThanOrEqualTo(3);
    }
}
