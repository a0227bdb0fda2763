package faust.cli.internal;

import faust.Agent;
import faust.App;
import faust.spi.Apps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code faust -A APP agents}: the app's agents with their topics and concurrency. */
@Command(name = "agents",
        sortOptions = false, customSynopsis = "faust -A APP [GLOBAL OPTIONS] agents",
        description = "List the app's agents: name, topic and concurrency (--json for JSON).")
public final class AgentsCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    /** Created by picocli. */
    public AgentsCommand() {
    }

    @Override
    public Integer call() {
        App app = root.app("agents");
        Apps.configure(app, root.context.env(), root.settingFlags());
        Table table = new Table("name", "topic", "concurrency");
        for (Agent<?, ?> agent : app.agents()) {
            table.row("@" + agent.name(), String.join(",", agent.topics().stream().map(faust.Topic::name).toList()),
                    agent.isolatedPartitions() ? "isolated" : agent.concurrency());
        }
        table.print(root.context.out(), root.json);
        return 0;
    }
}
