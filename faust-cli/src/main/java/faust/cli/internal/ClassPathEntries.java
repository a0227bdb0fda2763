package faust.cli.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The extra class path of an app: {@code --classpath} and {@code FAUST_CLASSPATH}, expanded. */
final class ClassPathEntries {
    private static final Logger LOG = LoggerFactory.getLogger(ClassPathEntries.class);

    private ClassPathEntries() {
    }

    /**
     * @param cli the {@code --classpath} value, or null
     * @param env the {@code FAUST_CLASSPATH} value, or null
     * @param workdir relative entries resolve against it
     * @return existing directories and jars, in order; {@code DIR/*} stands for every jar in DIR
     */
    static List<Path> of(String cli, String env, Path workdir) {
        List<Path> out = new ArrayList<>();
        for (String list : new String[] {cli, env}) {
            if (list == null) {
                continue;
            }
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    add(out, entry.trim(), workdir);
                }
            }
        }
        return out;
    }

    private static void add(List<Path> out, String entry, Path workdir) {
        if (entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
            Path dir = workdir.resolve(entry.substring(0, entry.length() - 1)).normalize();
            try (Stream<Path> jars = Files.list(dir)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(out::add);
            } catch (IOException e) {
                LOG.warn("class path entry {} is not a readable directory: ignored", entry);
            }
            return;
        }
        Path p = workdir.resolve(entry).normalize();
        if (Files.exists(p)) {
            out.add(p);
        } else {
            LOG.warn("class path entry {} does not exist: ignored", p);
        }
    }
}
