package faust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/settings.md documents every setting with its environment variable and default. */
class SettingsDocTest {
    @Test
    void everySettingIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "settings.md"));
        for (Setting s : Setting.values()) {
            assertThat(doc).as("docs/settings.md row for " + s.key())
                    .contains("| `" + s.key() + "` | `" + s.env() + "` | `" + s.defaultValue() + "` |");
        }
    }
}
