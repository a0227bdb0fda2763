package faust.cli;

import faust.App;

/**
 * Runs the {@code faust} command line for an app that calls {@code app.main(args)} from its own
 * {@code main}, as if {@code -A} had named it. Found by {@link App#main} through
 * {@link java.util.ServiceLoader}; not called directly.
 */
public final class AppCommandLine implements App.CommandLine {
    /** Creates the service; {@link java.util.ServiceLoader} does this. */
    public AppCommandLine() {
    }

    @Override
    public int run(App app, String[] args) {
        return Main.run(app, args);
    }
}
