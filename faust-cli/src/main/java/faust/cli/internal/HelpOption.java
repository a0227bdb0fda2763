package faust.cli.internal;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every command (a picocli mixin). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;
}
