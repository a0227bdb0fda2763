package faust.cli.internal;

import faust.App;
import faust.Setting;
import faust.spi.Apps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code faust -A APP tables}: the app's tables with their changelog topics. */
@Command(name = "tables",
        sortOptions = false, customSynopsis = "faust -A APP [GLOBAL OPTIONS] tables",
        description = "List the app's tables: name, changelog topic, store and help (--json for JSON).")
public final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    /** Created by picocli. */
    public TablesCommand() {
    }

    @Override
    public Integer call() {
        App app = root.app("tables");
        Apps.configure(app, root.context.env(), root.settingFlags());
        Table table = new Table("name", "changelog", "help");
        for (faust.Table<?, ?> t : app.tables()) {
            table.row(t.name(), t.changelogTopic(), t.help());
        }
        table.print(root.context.out(), root.json);
        if (!root.json && app.tables().isEmpty()) {
            root.context.err().println("faust: app " + app.id() + " has no tables (store: "
                    + app.settings().text(Setting.STORE) + ")");
        }
        return 0;
    }
}
