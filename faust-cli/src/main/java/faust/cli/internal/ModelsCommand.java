package faust.cli.internal;

import faust.App;
import faust.codecs.RecordSchema;
import faust.codecs.Records;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code faust -A APP models}: the records the app's topics and tables use, and those it registered. */
@Command(name = "models",
        sortOptions = false, customSynopsis = "faust -A APP [GLOBAL OPTIONS] models [--builtins]",
        description = {"List the app's records: those its topics and tables use (nested ones included) and those"
                + " registered with app.record(...), by namespace (--json for JSON).",
            "A record not marked @FaustRecord has no namespace and is listed by its class name."})
public final class ModelsCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--builtins", description = "also list Faust's internal records (@ReqRepResponse, ...)")
    boolean builtins;

    /** Created by picocli. */
    public ModelsCommand() {
    }

    @Override
    public Integer call() {
        App app = root.app("models");
        // records do not depend on settings: the app is not configured (no environment, no flags needed)
        Table table = new Table("name", "class", "fields");
        for (RecordSchema r : models(app, builtins)) {
            table.row(r.name(), r.type().getName(), r.fields().size());
        }
        table.print(root.context.out(), root.json);
        return 0;
    }

    /**
     * @param app the app
     * @param builtins whether to add Faust's internal records
     * @return the records, sorted by name
     */
    static List<RecordSchema> models(App app, boolean builtins) {
        Map<Class<?>, RecordSchema> all = new LinkedHashMap<>();
        app.records().forEach(r -> all.put(r.type(), r));
        if (builtins) {
            Records.builtins().forEach(r -> all.putIfAbsent(r.type(), r));
        }
        List<RecordSchema> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing(RecordSchema::name));
        return sorted;
    }
}
