package faust.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsTest {
    @TempDir
    Path dir;

    @Test
    void tableOfAFileApp() {
        AppFiles.write(dir, "proj.java", AppFiles.seedApp("proj", "proj"));

        CliRun.Result r = CliRun.run(dir, "-A", "proj", "agents");

        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).containsExactly(
                "name      topic         concurrency",
                "@process  proj-process  1");
    }

    @Test
    void jsonOfAClassApp() {
        CliRun.Result r = CliRun.run(dir, "agents", "-A", "faust.cli.fixtures.ClassApp", "--json");

        assertThat(r.status()).isZero();
        assertThat(r.out().strip()).isEqualTo("[{\"name\":\"@count\",\"topic\":\"class-app-count\",\"concurrency\":2}]");
    }

    @Test
    void workdirOption() {
        AppFiles.write(dir, "sub/proj.java", AppFiles.seedApp("proj", "in-sub"));

        CliRun.Result r = CliRun.run(dir, "-W", "sub", "-A", "proj", "agents", "--json");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\"topic\":\"in-sub-process\"");
    }
}
