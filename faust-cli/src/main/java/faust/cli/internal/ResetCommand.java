package faust.cli.internal;

import faust.App;
import faust.spi.Apps;
import faust.worker.Worker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code faust -A APP reset}: deletes the local table stores of the app's current version. */
@Command(name = "reset",
        sortOptions = false, customSynopsis = "faust -A APP [GLOBAL OPTIONS] reset",
        description = {"Delete the local table stores of the app's current version (<datadir>/v<version>/tables).",
                "Changelog topics are kept: the next worker rebuilds its tables from them.",
                "Refused (status 2) while a worker uses the datadir."})
public final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    /** Created by picocli. */
    public ResetCommand() {
    }

    @Override
    public Integer call() {
        App app = root.app("reset");
        Apps.configure(app, root.context.env(), root.settingFlags());
        Worker worker = new Worker(app, new Worker.Options(root.workdir(), "-", root.context.pid()));
        Path dir = worker.resetLocalTables();
        root.context.out().println("deleted local tables of " + app.id() + ": " + dir);
        return 0;
    }
}
