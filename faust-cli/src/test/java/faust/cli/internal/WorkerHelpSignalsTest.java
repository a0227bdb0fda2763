package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faust worker --help} documents the signals and every exit status (the seed's signal table). */
class WorkerHelpSignalsTest {
    @TempDir
    Path dir;

    @Test
    void workerHelpDocumentsSignalsAndExitStatuses() {
        String help = CliRun.run(dir, "worker", "--help").out();
        String flat = help.replaceAll("\\s+", " ");

        assertThat(flat)
                .contains("1 the worker failed")
                .contains("3 cold shutdown (QUIT) or a second TERM/INT")
                .contains("4 the warm shutdown did not finish within --shutdown-timeout")
                .contains("137 KILLed")
                .contains("Signals, to the pid the banner shows")
                .contains("TERM, INT warm shutdown")
                .contains("QUIT cold shutdown")
                .contains("USR1 print the stacks of all threads")
                .contains("KILL nothing is committed")
                .contains("Subprocesses that agents started are terminated when the worker stops");
        help.lines().forEach(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }
}
