package faust.cli.internal;

import java.util.Map;

/** Defines classes compiled in memory; everything else comes from its parent. */
final class MemoryClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /**
     * @param name a name for the loader, e.g. the source file
     * @param classes class files by binary name
     * @param parent where the framework and the extra class path come from
     */
    MemoryClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent) {
        super(name, parent);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
