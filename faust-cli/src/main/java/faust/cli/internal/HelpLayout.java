package faust.cli.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help of sub-commands: their own options first, then the global ones (accepted there too) under a
 * heading of their own.
 */
final class HelpLayout {
    private HelpLayout() {
    }

    /** @param root the command tree; every sub-command at any depth gets the layout */
    static void apply(CommandLine root) {
        Set<String> global = root.getCommandSpec().options().stream().map(OptionSpec::longestName)
                .collect(Collectors.toSet());
        for (CommandLine sub : root.getSubcommands().values()) {
            apply(sub, global);
        }
    }

    private static void apply(CommandLine cmd, Set<String> global) {
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> optionList(help, global));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            apply(sub, global);
        }
    }

    private static String optionList(Help help, Set<String> global) {
        List<OptionSpec> options = help.commandSpec().options().stream().filter(o -> !o.hidden()).toList();
        List<OptionSpec> own = options.stream().filter(o -> !global.contains(o.longestName())).toList();
        List<OptionSpec> inherited = options.stream().filter(o -> global.contains(o.longestName())).toList();
        Help.Layout layout = help.createDefaultLayout();
        String text = help.optionListExcludingGroups(own, layout, help.createDefaultOptionSort(),
                help.parameterLabelRenderer());
        return text + String.format("%nGlobal options:%n") + help.optionListExcludingGroups(inherited,
                help.createDefaultLayout(), help.createDefaultOptionSort(), help.parameterLabelRenderer());
    }
}
