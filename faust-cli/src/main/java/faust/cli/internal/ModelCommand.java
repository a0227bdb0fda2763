package faust.cli.internal;

import faust.App;
import faust.ConfigException;
import faust.codecs.RecordSchema;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code faust -A APP model NAME}: a record's fields as they are on the wire. */
@Command(name = "model",
        sortOptions = false, customSynopsis = "faust -A APP [GLOBAL OPTIONS] model NAME",
        description = {"Show a record's fields: name in JSON, Java type, and default (* = required; other fields"
                + " read as null when missing). --json for JSON.",
            "NAME is a namespace (golden.Sample), a class name (Sample) or a fully qualified class name."})
public final class ModelCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "NAME", description = "the record: namespace or class name")
    String name;

    /** Created by picocli. */
    public ModelCommand() {
    }

    @Override
    public Integer call() {
        App app = root.app("model");
        // records do not depend on settings: the app is not configured (no environment, no flags needed)
        List<RecordSchema> all = ModelsCommand.models(app, true);
        RecordSchema r = find(all, name, app.id());
        if (!root.json) {
            root.context.out().println(r.name() + " (" + r.type().getName() + ")");
        }
        Table table = new Table("field", "type", "default");
        for (RecordSchema.Field f : r.fields()) {
            table.row(f.name(), f.type(), f.required() ? "*" : "null");
        }
        table.print(root.context.out(), root.json);
        return 0;
    }

    private static RecordSchema find(List<RecordSchema> all, String wanted, String appId) {
        for (RecordSchema r : all) {
            if (wanted.equals(r.namespace())) {
                return r;
            }
        }
        for (RecordSchema r : all) {
            if (wanted.equals(r.type().getName()) || wanted.equals(r.type().getSimpleName())
                    || wanted.equals(r.type().getCanonicalName())) {
                return r;
            }
        }
        String suggestion = all.stream().filter(r -> !r.name().startsWith("@") || wanted.startsWith("@"))
                .min(Comparator.comparingInt(r -> distance(r.name(), wanted)))
                .filter(r -> distance(r.name(), wanted) <= Math.max(3, wanted.length() / 3)
                        || r.name().toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT)))
                .map(r -> " Did you mean " + r.name() + "?").orElse("");
        throw new ConfigException("no model '" + wanted + "' in app " + appId + "." + suggestion
                + " Run 'faust -A APP models' for a list.");
    }

    private static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }
}
