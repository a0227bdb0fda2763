package faust.cli.internal;

import faust.Faust;
import picocli.CommandLine.IVersionProvider;

/** What {@code faust --version} prints: {@code Faust for Java <version>}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"Faust for Java " + Faust.VERSION};
    }
}
