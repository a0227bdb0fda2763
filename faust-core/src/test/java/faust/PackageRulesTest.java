package faust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN §1: only one package imports the Kafka clients, only one imports RocksDB. */
class PackageRulesTest {
    private static List<Path> importing(String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("import " + prefix));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void onlyTheTransportPackageImportsTheKafkaClients() throws IOException {
        assertThat(importing("org.apache.kafka.clients"))
                .allSatisfy(f -> assertThat(f.getParent().toString().replace('\\', '/'))
                        .endsWith("faust/transport/internal"));
    }

    @Test
    void onlyTheRocksDbStorePackageImportsRocksDb() throws IOException {
        assertThat(importing("org.rocksdb"))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.getParent().toString().replace('\\', '/'))
                        .endsWith("faust/stores/internal/rocksdb"));
    }
}
