package faust.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the classes compiled from an app file between starts, so that a worker whose app did not change
 * skips the in-memory compile (the JDK's compiler in a cold JVM takes most of a second of CPU and loads a
 * few thousand classes). One entry per app file, class path and JDK, in {@code <FAUST_HOME>/cache/apps}: the
 * name is a hash of the app file's path, the JDK version, the compile options and every class path entry
 * (jar: size and modification time; directory: the same of every file in it). The entry lists every source
 * file the compile used (the app file and the siblings it compiled along) with a SHA-256 of its content and
 * is used only when all of them still hash the same; otherwise the app is compiled and the entry replaced.
 * Entries are written to a temporary file and moved into place, so concurrent starts never read half of
 * one. Any problem with the cache (unreadable, not writable) just means compiling as without it.
 */
final class CompileCache {
    private static final Logger LOG = LoggerFactory.getLogger(CompileCache.class);
    private static final int MAGIC = 0x46434331; // "FCC1"
    /** A class path directory with more files than this is not fingerprinted: no caching then. */
    private static final int MAX_DIR_FILES = 20_000;

    private final Path dir;

    /** @param dir where entries are kept ({@code <FAUST_HOME>/cache/apps}); created when first written */
    CompileCache(Path dir) {
        this.dir = dir;
    }

    /** What was compiled: class files by binary name, and the source files they came from. */
    record Compiled(Map<String, byte[]> classes, Set<Path> sources) {
    }

    /**
     * @param file the app file
     * @param classPath the compile class path
     * @param options the compile options
     * @return the entry's file, or null when this compile cannot be cached (a class path directory too big)
     */
    Path entry(Path file, List<Path> classPath, List<String> options) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            put(d, "faust-compile-cache-1");
            put(d, file.toAbsolutePath().normalize().toString());
            put(d, Runtime.version().toString());
            put(d, System.getProperty("java.home", ""));
            options.forEach(o -> put(d, o));
            for (Path p : classPath) {
                if (!fingerprint(d, p)) {
                    return null;
                }
            }
            return dir.resolve(HexFormat.of().formatHex(d.digest(), 0, 16) + ".classes");
        } catch (NoSuchAlgorithmException | IOException e) {
            return null;
        }
    }

    /**
     * @param entry from {@link #entry}
     * @return the classes, when the entry exists and every source it lists is unchanged; else null
     */
    Map<String, byte[]> load(Path entry) {
        if (entry == null || !Files.isRegularFile(entry)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(entry))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            int sources = in.readInt();
            for (int i = 0; i < sources; i++) {
                Path source = Path.of(in.readUTF());
                byte[] hash = in.readNBytes(in.readInt());
                if (!Files.isRegularFile(source) || !MessageDigest.isEqual(hash, sha256(source))) {
                    LOG.debug("compile cache: {} changed", source);
                    return null;
                }
            }
            int n = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                classes.put(name, in.readNBytes(in.readInt()));
            }
            LOG.debug("compile cache: {} classes from {}", classes.size(), entry);
            return classes;
        } catch (IOException | RuntimeException e) {
            LOG.debug("compile cache: {} unreadable: {}", entry, e.toString());
            return null;
        }
    }

    /**
     * Stores a compile; failures are logged at debug level and otherwise ignored.
     *
     * @param entry from {@link #entry}
     * @param compiled the classes and their sources
     */
    void store(Path entry, Compiled compiled) {
        if (entry == null) {
            return;
        }
        Path tmp = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(compiled.sources().size());
                for (Path s : compiled.sources()) {
                    byte[] hash = sha256(s);
                    out.writeUTF(s.toAbsolutePath().normalize().toString());
                    out.writeInt(hash.length);
                    out.write(hash);
                }
                out.writeInt(compiled.classes().size());
                for (Map.Entry<String, byte[]> c : compiled.classes().entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
            }
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "entry-", ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("compile cache: not written to {}: {}", dir, e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static boolean fingerprint(MessageDigest d, Path p) throws IOException {
        put(d, p.toAbsolutePath().normalize().toString());
        if (Files.isRegularFile(p)) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            put(d, a.size() + "/" + a.lastModifiedTime().toMillis());
            return true;
        }
        if (!Files.isDirectory(p)) {
            put(d, "missing");
            return true;
        }
        try (Stream<Path> files = Files.walk(p)) {
            List<Path> all = files.filter(Files::isRegularFile).limit(MAX_DIR_FILES + 1L).sorted().toList();
            if (all.size() > MAX_DIR_FILES) {
                return false;
            }
            for (Path f : all) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                put(d, f + "/" + a.size() + "/" + a.lastModifiedTime().toMillis());
            }
        }
        return true;
    }

    private static void put(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }

    private static byte[] sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
