package faust.worker.internal;

import faust.FaustException;
import faust.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** {@code faust reset}: deletes the local table stores of the app's current version, under the datadir lock. */
public final class TableReset {
    private TableReset() {
    }

    /**
     * @param datadir the datadir
     * @param settings resolved settings (the version)
     * @return the directory deleted ({@code <appdir>/tables})
     * @throws faust.ConfigException when a worker holds the datadir
     */
    public static Path reset(Path datadir, Settings settings) {
        Path dir = Datadir.appdir(datadir, settings).resolve("tables");
        try (Datadir held = Datadir.lock(datadir)) {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new FaustException("could not delete " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
