package faust;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this Faust for Java build. */
public final class Faust {
    /** The version of Faust for Java, e.g. {@code 0.1.0}. */
    public static final String VERSION = readVersion();

    private Faust() {
    }

    private static String readVersion() {
        try (InputStream in = Faust.class.getResourceAsStream("/faust/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
