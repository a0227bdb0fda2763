package faust.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes app source files for tests. */
final class AppFiles {
    private AppFiles() {
    }

    /** The seed's app: one agent {@code process} printing what it gets; no broker in code. */
    static String seedApp(String className, String appId) {
        return """
                import faust.App;

                public class %s {
                    public static final App app = App.create("%s");

                    static {
                        app.agent("process", stream -> {
                            for (Object value : stream) {
                                System.out.println(value);
                            }
                        });
                    }
                }
                """.formatted(className, appId);
    }

    static Path write(Path dir, String fileName, String source) {
        try {
            Path file = dir.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
