package faust.cli.internal;

import faust.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles an app's source file in memory with the JDK's compiler ({@code --release 21}), against the
 * framework's class path; sibling source files it refers to are compiled with it.
 */
final class SourceCompiler {
    private final Path workdir;

    /** @param workdir file names in messages are relative to it */
    SourceCompiler(Path workdir) {
        this.workdir = workdir;
    }

    /**
     * @param file the source file
     * @param classPath the compile class path
     * @return the compiler's options for them (what a cached compile must match)
     */
    static List<String> options(Path file, List<Path> classPath) {
        return List.of(
                "--release", "21",
                "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "-sourcepath", file.toAbsolutePath().getParent().toString(),
                "-implicit:class", "-proc:none", "-g", "-parameters", "-encoding", "UTF-8", "-nowarn");
    }

    /**
     * @param file the source file
     * @param classPath the compile class path
     * @return class files by binary name, and the source files they were compiled from
     * @throws AppLoadException listing every compile error as {@code file:line: error: message}
     * @throws ConfigException when this Java has no compiler
     */
    CompileCache.Compiled compile(Path file, List<Path> classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new ConfigException("compiling " + display(file) + " needs a JDK 21 or newer, but this Java ("
                    + System.getProperty("java.home") + ") has no compiler: run faust with a JDK, or compile the app"
                    + " yourself and give -A com.example.Class with --classpath");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new ConcurrentHashMap<>();
        Set<Path> sources = ConcurrentHashMap.newKeySet();
        sources.add(file.toAbsolutePath().normalize());
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        try (MemoryOutput fm = new MemoryOutput(std, classes, sources)) {
            List<String> options = options(file, classPath);
            StringWriter extra = new StringWriter();
            boolean ok = javac.getTask(extra, fm, diagnostics, options, null, std.getJavaFileObjects(file.toFile()))
                    .call();
            if (!ok) {
                List<String> errors = errors(diagnostics);
                throw new AppLoadException(display(file) + " did not compile: " + errors.size()
                        + (errors.size() == 1 ? " error" : " errors"), errors);
            }
        } catch (IOException e) {
            throw new ConfigException("compiling " + display(file) + " failed: " + e.getMessage(), e);
        }
        return new CompileCache.Compiled(classes, new TreeSet<>(sources));
    }

    private List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() == null ? "javac"
                    : display(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber();
            out.add(where + ": error: " + oneLine(d.getMessage(Locale.ROOT)));
        }
        return out;
    }

    /** "cannot find symbol\n  symbol: x\n  location: y" becomes "cannot find symbol (symbol: x, location: y)". */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip().replaceAll("\\s+", " ");
            if (!l.isEmpty()) {
                rest.add(l);
            }
        }
        return rest.isEmpty() ? lines[0] : lines[0] + " (" + String.join(", ", rest) + ")";
    }

    private String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workdir) ? workdir.relativize(abs).toString() : abs.toString();
    }

    /** Keeps class files in memory instead of writing them; notes the source file of each. */
    private static final class MemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;
        private final Set<Path> sources;

        MemoryOutput(StandardJavaFileManager std, Map<String, byte[]> classes, Set<Path> sources) {
            super(std);
            this.classes = classes;
            this.sources = sources;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            if (sibling != null && "file".equals(sibling.toUri().getScheme())) {
                sources.add(Path.of(sibling.toUri()).toAbsolutePath().normalize());
            }
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
