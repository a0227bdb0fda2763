package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.ConfigException;
import faust.FaustException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoaderTest {
    @TempDir
    Path dir;

    private AppLoader loader() {
        return new AppLoader(dir, List.of(), AppLoaderTest.class.getClassLoader());
    }

    @Test
    void compilesAFileAppInMemoryAndRunsItsStaticBlock() {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "proj"));

        AppLoader.Loaded loaded = loader().load("proj");

        assertThat(loaded.app().id()).isEqualTo("proj");
        assertThat(loaded.app().agents()).extracting(a -> a.name()).containsExactly("process");
        assertThat(loaded.loader()).isInstanceOf(MemoryClassLoader.class);
        assertThat(loaded.loader().getParent()).isSameAs(AppLoaderTest.class.getClassLoader());
        assertThat(dir.resolve("proj.class")).doesNotExist();
    }

    @Test
    void fileAppByFileNameOrPath() {
        AppFiles.write(dir, "apps/proj.java", AppFiles.seedApp("proj", "from-path"));
        AppFiles.write(dir, "other.java", AppFiles.seedApp("other", "from-file"));

        assertThat(loader().load("apps/proj.java").app().id()).isEqualTo("from-path");
        assertThat(loader().load("apps/proj").app().id()).isEqualTo("from-path");
        assertThat(loader().load("other.java").app().id()).isEqualTo("from-file");
        assertThat(loader().load(dir.resolve("other.java").toString()).app().id()).isEqualTo("from-file");
    }

    @Test
    void fileAppMayUseSiblingSourceFiles() {
        AppFiles.write(dir, "Names.java", "final class Names { static final String ID = \"sibling\"; }");
        AppFiles.write(dir, "proj.java", """
                import faust.App;
                public class proj {
                    public static final App app = App.create(Names.ID);
                }
                """);

        assertThat(loader().load("proj").app().id()).isEqualTo("sibling");
    }

    @Test
    void classAppFromTheClassPath() {
        App app = loader().load("faust.cli.fixtures.ClassApp").app();

        assertThat(app.id()).isEqualTo("class-app");
        assertThat(loader().load("faust.cli.fixtures.ClassApp:app").app()).isSameAs(app);
        assertThat(loader().load("faust.cli.fixtures.ClassApp.app").app()).isSameAs(app); // Python's module.attr
    }

    @Test
    void classAppFromAnExtraClassPathDirectory() throws Exception {
        Path src = AppFiles.write(dir, "src/com/example/Proj.java", """
                package com.example;
                import faust.App;
                public class Proj {
                    public static final App app = App.create("extra-cp");
                }
                """);
        Path classes = dir.resolve("classes");
        java.nio.file.Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();

        AppLoader withClassPath = new AppLoader(dir, ClassPathEntries.of("classes", null, dir),
                AppLoaderTest.class.getClassLoader());
        assertThat(withClassPath.load("com.example.Proj").app().id()).isEqualTo("extra-cp");
        assertThatThrownBy(() -> loader().load("com.example.Proj")).hasMessageContaining("no app 'com.example.Proj'");
    }

    @Test
    void compileErrorsAreReportedWithFileAndLine() {
        AppFiles.write(dir, "proj.java", """
                import faust.App;

                public class proj {
                    public static final App app = App.create("proj");
                    static int x = undefinedThing;
                    static String s = 42;
                }
                """);

        assertThatThrownBy(() -> loader().load("proj"))
                .isInstanceOf(AppLoadException.class)
                .isInstanceOf(ConfigException.class)
                .hasMessage("proj.java did not compile: 2 errors")
                .satisfies(e -> assertThat(((AppLoadException) e).details()).containsExactly(
                        "proj.java:5: error: cannot find symbol (symbol: variable undefinedThing, location: class proj)",
                        "proj.java:6: error: incompatible types: int cannot be converted to java.lang.String"));
    }

    @Test
    void compileErrorsThroughTheCommandLine() {
        AppFiles.write(dir, "proj.java", "public class proj { int x = ; }\n");

        CliRun.Result r = CliRun.run(dir, "-A", "proj", "agents");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(r.errLines().get(0)).startsWith("proj.java:1: error: ");
        assertThat(r.errLines().get(r.errLines().size() - 1)).isEqualTo("faust: proj.java did not compile: 1 error");
    }

    @Test
    void noAppField() {
        AppFiles.write(dir, "proj.java", "public class proj { static String name = \"x\"; }\n");

        assertThatThrownBy(() -> loader().load("proj"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("proj.java has no static field of type faust.App: declare one, e.g. public static final"
                        + " App app = App.create(\"proj\");");
    }

    @Test
    void twoAppFieldsNeedAName() {
        assertThatThrownBy(() -> loader().load("faust.cli.fixtures.TwoApps"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("class faust.cli.fixtures.TwoApps has several App fields (first, second) and none is"
                        + " named 'app': pick one with -A faust.cli.fixtures.TwoApps:first");
        assertThat(loader().load("faust.cli.fixtures.TwoApps:second").app().id()).isEqualTo("second-app");
        assertThatThrownBy(() -> loader().load("faust.cli.fixtures.TwoApps:third"))
                .hasMessage("class faust.cli.fixtures.TwoApps has no static App field named 'third': its App fields"
                        + " are first, second");
    }

    @Test
    void twoAppFieldsOneNamedApp() {
        AppFiles.write(dir, "proj.java", """
                import faust.App;
                public class proj {
                    static final App other = App.create("other");
                    static final App app = App.create("main");
                }
                """);

        assertThat(loader().load("proj").app().id()).isEqualTo("main");
        assertThat(loader().load("proj:other").app().id()).isEqualTo("other");
    }

    @Test
    void failingStaticBlockSaysWhere() {
        AppFiles.write(dir, "proj.java", """
                import faust.App;
                public class proj {
                    static final App app = App.create("proj");
                    static {
                        if (true) throw new IllegalStateException("boom");
                    }
                }
                """);

        assertThatThrownBy(() -> loader().load("proj"))
                .isExactlyInstanceOf(FaustException.class)
                .hasMessage("proj.java: initialising the app failed: java.lang.IllegalStateException: boom"
                        + " (at proj.java:5)");
    }

    @Test
    void badSettingInAppCodeIsAConfigError() {
        AppFiles.write(dir, "proj.java", """
                import faust.App;
                public class proj {
                    static final App app = App.create("not valid!");
                }
                """);

        assertThatThrownBy(() -> loader().load("proj"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("proj.java: app id 'not valid!' is not valid");
    }

    @Test
    void notFound() {
        assertThatThrownBy(() -> loader().load("nope"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("found neither " + dir.resolve("nope.java") + " nor a class nope");
        assertThatThrownBy(() -> loader().load("nope.java"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no app file " + dir.resolve("nope.java") + " (from -A nope.java)");
    }

    @Test
    void specParsing() {
        assertThat(AppSpec.parse("proj")).isEqualTo(new AppSpec("proj", null, "proj"));
        assertThat(AppSpec.parse("proj:myapp")).isEqualTo(new AppSpec("proj", "myapp", "proj:myapp"));
        assertThat(AppSpec.parse("com.example.Proj:app").target()).isEqualTo("com.example.Proj");
        assertThat(AppSpec.parse("apps/proj.java").isPath()).isTrue();
        assertThat(AppSpec.parse("com.example.Proj").isPath()).isFalse();
        assertThat(AppSpec.parse("proj.app").splitLastSegment()).isEqualTo(new AppSpec("proj", "app", "proj.app"));
    }
}
