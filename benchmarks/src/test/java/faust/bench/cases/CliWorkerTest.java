package faust.bench.cases;

import static org.assertj.core.api.Assertions.assertThat;

import faust.bench.CaseArgs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a bin/faust worker of the harness runs with, without starting one. */
class CliWorkerTest {

    private static CaseArgs args(String workerOpts) {
        return new CaseArgs("faust-cli-passthrough.b", 2, "localhost:1", "in", 10, 8, "p", 0, 1, 1, 1, 10, 16, 100,
                100, 10, 5, Path.of("/tmp/w"), workerOpts);
    }

    @Test
    void variantWordsNamingFaustVariablesBecomeTheLaunchersEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of("FAUST_JAVA_OPTS", "-Da=1"));
        String shown = CliWorker.environment(env,
                args("-XX:+UseSerialGC FAUST_CDS=0 -Dx={run} FAUST_BROKER_COMMIT_INTERVAL=0.1 MALLOC_ARENA_MAX=2"));
        assertThat(env).containsEntry("FAUST_JAVA_OPTS", "-Da=1 -XX:+UseSerialGC -Dx=2")
                .containsEntry("FAUST_CDS", "0").containsEntry("FAUST_BROKER_COMMIT_INTERVAL", "0.1")
                .containsEntry("MALLOC_ARENA_MAX", "2")
                .containsEntry("FAUST_NO_BUILD", "1").containsKey("JAVA_HOME");
        assertThat(shown).isEqualTo("-Da=1 -XX:+UseSerialGC -Dx=2 FAUST_CDS=0 FAUST_BROKER_COMMIT_INTERVAL=0.1 MALLOC_ARENA_MAX=2");
    }

    @Test
    void withoutOptionsTheEnvironmentKeepsNoJavaOpts() {
        Map<String, String> env = new HashMap<>();
        assertThat(CliWorker.environment(env, args(""))).isEmpty();
        assertThat(env).doesNotContainKey("FAUST_JAVA_OPTS");
    }
}
