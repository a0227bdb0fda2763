package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled app file is reused between starts only while neither it nor a sibling it uses changed. */
class CompileCacheTest {
    @TempDir
    Path dir;

    @TempDir
    Path cache;

    private AppLoader loader() {
        return new AppLoader(dir, List.of(), CompileCacheTest.class.getClassLoader(), cache);
    }

    private long entries() throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".classes")).count();
        }
    }

    @Test
    void aSecondStartUsesTheEntryAndAnEditedAppIsCompiledAgain() throws Exception {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "first"));
        assertThat(loader().load("proj").app().id()).isEqualTo("first");
        assertThat(entries()).as("one entry per app file").isEqualTo(1);

        assertThat(loader().load("proj").app().id()).isEqualTo("first");

        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "edited"));
        assertThat(loader().load("proj").app().id()).as("the edit is seen, not the cached classes")
                .isEqualTo("edited");
        assertThat(entries()).as("the entry was replaced, not added to").isEqualTo(1);
    }

    @Test
    void anEditedSiblingSourceIsCompiledAgain() {
        AppFiles.write(dir, "Names.java", "final class Names { static final String ID = \"one\"; }");
        AppFiles.write(dir, "proj.java", """
                import faust.App;
                public class proj {
                    public static final App app = App.create(Names.ID);
                }
                """);
        assertThat(loader().load("proj").app().id()).isEqualTo("one");

        AppFiles.write(dir, "Names.java", "final class Names { static final String ID = \"two\"; }");
        assertThat(loader().load("proj").app().id()).isEqualTo("two");
    }

    @Test
    void aDamagedEntryIsIgnored() throws Exception {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "kept"));
        loader().load("proj");
        try (Stream<Path> s = Files.list(cache)) {
            for (Path p : s.toList()) {
                Files.write(p, new byte[] {1, 2, 3});
            }
        }
        assertThat(loader().load("proj").app().id()).isEqualTo("kept");
    }

    @Test
    void withoutACacheNothingIsWritten() throws Exception {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "plain"));
        assertThat(new AppLoader(dir, List.of(), getClass().getClassLoader()).load("proj").app().id())
                .isEqualTo("plain");
        assertThat(entries()).isZero();
    }
}
