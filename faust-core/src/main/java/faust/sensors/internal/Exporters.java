package faust.sensors.internal;

import faust.ConfigException;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code monitor} setting: where metrics go besides {@code GET /metrics}. A comma-separated list of
 * {@code statsd://host:port} (Etsy statsd: tags folded into names), {@code datadog://host:port} (DogStatsD, tags as
 * tags) and {@code telegraf://host:port}; the port defaults to 8125.
 */
public final class Exporters {
    /**
     * One exporter.
     *
     * @param url as given
     * @param flavor the statsd flavour
     * @param host the agent's host
     * @param port the agent's UDP port
     */
    public record Target(String url, StatsdFlavor flavor, String host, int port) {
    }

    private static final Map<String, StatsdFlavor> SCHEMES = Map.of("statsd", StatsdFlavor.ETSY,
            "datadog", StatsdFlavor.DATADOG, "dogstatsd", StatsdFlavor.DATADOG, "telegraf", StatsdFlavor.TELEGRAF);

    private Exporters() {
    }

    /**
     * @param monitor the setting's text
     * @return the exporters it names
     * @throws ConfigException naming the entry that is not valid
     */
    public static List<Target> parse(String monitor) {
        List<Target> out = new ArrayList<>();
        if (monitor == null) {
            return out;
        }
        for (String part : monitor.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(p);
            } catch (IllegalArgumentException e) {
                throw invalid(p);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            StatsdFlavor flavor = SCHEMES.get(scheme);
            if (flavor == null || uri.getHost() == null) {
                throw invalid(p);
            }
            out.add(new Target(p, flavor, uri.getHost(), uri.getPort() < 0 ? 8125 : uri.getPort()));
        }
        return out;
    }

    private static ConfigException invalid(String entry) {
        return new ConfigException("monitor entry '" + entry + "' is not valid: give statsd://HOST:PORT,"
                + " datadog://HOST:PORT or telegraf://HOST:PORT (comma-separated), or nothing for /metrics only");
    }

    /**
     * Starts a statsd registry that sends to the target over UDP.
     *
     * @param t the target
     * @param clock the worker's clock
     * @return the registry (closed by the sensors)
     */
    static MeterRegistry start(Target t, Clock clock) {
        Map<String, String> values = Map.of("statsd.flavor", t.flavor().name(), "statsd.host", t.host(),
                "statsd.port", Integer.toString(t.port()));
        StatsdConfig config = values::get;
        return new StatsdMeterRegistry(config, clock);
    }
}
