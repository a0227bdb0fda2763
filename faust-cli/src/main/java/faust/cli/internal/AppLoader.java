package faust.cli.internal;

import faust.App;
import faust.ConfigException;
import faust.FaustException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the app {@code -A} names and runs its class initialisation (where agents are declared):
 *
 * <ul>
 *   <li>{@code -A proj}: {@code proj.java} in the working directory, compiled in memory; else a class
 *       {@code proj} on the class path;</li>
 *   <li>{@code -A proj.java}, {@code -A apps/proj.java}: that file;</li>
 *   <li>{@code -A com.example.Proj}: a class from {@code --classpath}, {@code FAUST_CLASSPATH} or the JVM's
 *       class path;</li>
 *   <li>{@code :field} after any of them picks the static App field; without it the only one, or the one
 *       named {@code app}. Python's {@code -A module.attr} form is understood too.</li>
 * </ul>
 */
public final class AppLoader {
    private final Path workdir;
    private final List<Path> extraClassPath;
    private final ClassLoader parent;
    private final CompileCache cache;
    private ClassLoader classPathLoader;

    /**
     * What was loaded.
     *
     * @param app the app
     * @param loader the class loader of its class
     * @param origin the file or class it came from, for messages
     */
    public record Loaded(App app, ClassLoader loader, String origin) {
    }

    /**
     * @param workdir where {@code MODULE.java} is looked for and relative paths resolve
     * @param extraClassPath {@code --classpath} and {@code FAUST_CLASSPATH} entries
     * @param parent the framework's class loader
     */
    public AppLoader(Path workdir, List<Path> extraClassPath, ClassLoader parent) {
        this(workdir, extraClassPath, parent, null);
    }

    /**
     * @param workdir where {@code MODULE.java} is looked for and relative paths resolve
     * @param extraClassPath {@code --classpath} and {@code FAUST_CLASSPATH} entries
     * @param parent the framework's class loader
     * @param compileCache where compiled app files are kept between starts, or null to always compile
     */
    public AppLoader(Path workdir, List<Path> extraClassPath, ClassLoader parent, Path compileCache) {
        this.workdir = workdir.toAbsolutePath().normalize();
        this.extraClassPath = List.copyOf(extraClassPath);
        this.parent = parent;
        this.cache = compileCache == null ? null : new CompileCache(compileCache);
    }

    /**
     * @param text the {@code -A} value
     * @return the app, its class initialised
     * @throws ConfigException (exit status 2) when it is not found, does not compile or has no App field;
     *     {@link FaustException} when its initialisation fails
     */
    public Loaded load(String text) {
        AppSpec spec = AppSpec.parse(text);
        Loaded loaded = tryLoad(spec);
        if (loaded == null && spec.splitLastSegment() != null) {
            loaded = tryLoad(spec.splitLastSegment());
        }
        if (loaded == null) {
            throw new ConfigException("no app '" + spec.target() + "': found neither " + workdir.resolve(
                    spec.target() + ".java") + " nor a class " + spec.target() + " on the class path; give -A MODULE"
                    + " for MODULE.java in the working directory (-W DIR to look elsewhere), -A path/File.java,"
                    + " or -A com.example.Class with --classpath");
        }
        return loaded;
    }

    private Loaded tryLoad(AppSpec spec) {
        if (spec.isPath()) {
            String name = spec.target().endsWith(".java") ? spec.target() : spec.target() + ".java";
            Path file = workdir.resolve(name).normalize();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("no app file " + file + " (from -A " + spec.text() + ")");
            }
            return fromFile(file, spec);
        }
        Path file = workdir.resolve(spec.target() + ".java");
        if (Files.isRegularFile(file)) {
            return fromFile(file, spec);
        }
        return fromClassPath(spec);
    }

    private Loaded fromClassPath(AppSpec spec) {
        ClassLoader loader = classPathLoader();
        try {
            Class.forName(spec.target(), false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            throw new ConfigException("cannot load class " + spec.target() + ": " + e, e);
        }
        String where = "class " + spec.target();
        Class<?> type = initialise(spec.target(), loader, where);
        return new Loaded(AppFields.find(type, spec, where), loader, where);
    }

    private Loaded fromFile(Path file, AppSpec spec) {
        String where = workdir.equals(file.getParent()) ? file.getFileName().toString() : file.toString();
        Map<String, byte[]> classes = compile(file);
        String main = mainClass(classes, file, where);
        MemoryClassLoader loader = new MemoryClassLoader(file.getFileName().toString(), classes, classPathLoader());
        Class<?> type = initialise(main, loader, where);
        return new Loaded(AppFields.find(type, spec, where), loader, where);
    }

    /** Compiles the app file, or takes its classes from the cache when neither it nor its siblings changed. */
    private Map<String, byte[]> compile(Path file) {
        List<Path> classPath = compileClassPath();
        Path entry = cache == null ? null : cache.entry(file, classPath, SourceCompiler.options(file, classPath));
        Map<String, byte[]> cached = cache == null ? null : cache.load(entry);
        if (cached != null) {
            return cached;
        }
        CompileCache.Compiled compiled = new SourceCompiler(workdir).compile(file, classPath);
        if (cache != null) {
            cache.store(entry, compiled);
        }
        return compiled.classes();
    }

    /** The class named like the file (in any package), else the only top-level class. */
    private static String mainClass(Map<String, byte[]> classes, Path file, String where) {
        String base = file.getFileName().toString().replaceFirst("\\.java$", "");
        List<String> topLevel = classes.keySet().stream().filter(n -> n.indexOf('$') < 0).sorted().toList();
        for (String name : topLevel) {
            if (name.equals(base) || name.endsWith("." + base)) {
                return name;
            }
        }
        if (topLevel.size() == 1) {
            return topLevel.get(0);
        }
        throw new ConfigException(where + " declares no class named " + base + ": name the class like the file");
    }

    private static Class<?> initialise(String name, ClassLoader loader, String where) {
        try {
            return Class.forName(name, true, loader);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = where + ": " + (cause instanceof FaustException ? cause.getMessage()
                    : "initialising the app failed: " + cause + location(cause, name));
            if (cause instanceof ConfigException) {
                throw new ConfigException(message, cause);
            }
            throw new FaustException(message, cause);
        } catch (ClassNotFoundException e) {
            throw new ConfigException("cannot load class " + name + " of " + where + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new ConfigException("loading " + where + " failed: " + e
                    + " (is a jar missing from --classpath?)", e);
        }
    }

    /** @return " (at proj.java:12)" for the first stack frame in the app's class, or "" */
    private static String location(Throwable t, String className) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(className) || e.getClassName().startsWith(className + "$")) {
                return " (at " + e.getFileName() + ":" + e.getLineNumber() + ")";
            }
        }
        return "";
    }

    private List<Path> compileClassPath() {
        List<Path> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                cp.add(Path.of(entry));
            }
        }
        cp.addAll(extraClassPath);
        return cp;
    }

    private ClassLoader classPathLoader() {
        if (classPathLoader == null) {
            if (extraClassPath.isEmpty()) {
                classPathLoader = parent;
            } else {
                URL[] urls = new URL[extraClassPath.size()];
                for (int i = 0; i < urls.length; i++) {
                    try {
                        urls[i] = extraClassPath.get(i).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new ConfigException("bad class path entry " + extraClassPath.get(i) + ": " + e, e);
                    }
                }
                classPathLoader = new URLClassLoader("faust-app-classpath", urls, parent);
            }
        }
        return classPathLoader;
    }
}
