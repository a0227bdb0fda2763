package faust.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import faust.ConfigException;
import faust.FaustException;
import faust.Setting;
import faust.Settings;
import faust.spi.Apps;
import faust.worker.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code faust [-A APP] status}: the cluster as the running workers see it (their web API), for a terminal: the
 * workers with their state, partitions, rates and lag, then the agents, then every assigned partition.
 */
@Command(name = "status",
        sortOptions = false, customSynopsis = "faust [-A APP] [GLOBAL OPTIONS] status [--url URL]",
        description = {"Print the running cluster from a worker's web API: workers (state, leader, partitions active"
                + " and standby, events/s, lag, commit latency, errors), agents (events/s, buffer) and every assigned"
                + " partition (worker, committed offset, end offset, lag). Any worker answers for all of them.",
            "The worker is --url, else http://<web_bind>:<web_port> of the app's settings (default"
                + " http://127.0.0.1:6066). --json prints the workers' documents as they are."})
public final class StatusCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--url", paramLabel = "URL",
            description = "a worker's web URL, e.g. http://worker-1:6066 (default: from the app's settings)")
    String url;

    /** Created by picocli. */
    public StatusCommand() {
    }

    @Override
    public Integer call() {
        String base = base();
        String body = fetch(base + "/dashboard/api/cluster/2");
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode cluster;
        try {
            cluster = mapper.readTree(body);
        } catch (IOException e) {
            throw new FaustException(base + " did not answer with the cluster's JSON: is it a Faust worker?");
        }
        retrySlowWorkers(cluster, mapper);
        if (root.json) {
            root.context.out().println(cluster);
            root.context.out().flush();
            return ExitCodes.OK;
        }
        root.context.out().print(StatusText.of(cluster));
        root.context.out().flush();
        return ExitCodes.OK;
    }

    /**
     * The worker asked gives its peers 1.5 s (the dashboard asks every second); a peer that did not answer in
     * that time is asked here once more, directly, with this command's longer timeout.
     */
    private static void retrySlowWorkers(JsonNode cluster, JsonMapper mapper) {
        if (!(cluster.path("workers") instanceof ArrayNode workers)) {
            return;
        }
        for (int i = 0; i < workers.size(); i++) {
            JsonNode w = workers.get(i);
            if (!w.has("error") || w.path("url").asText().isBlank()) {
                continue;
            }
            try {
                JsonNode again = mapper.readTree(fetch(w.path("url").asText() + "/dashboard/api/worker/2"));
                if (again.has("status")) {
                    workers.set(i, again);
                }
            } catch (IOException | FaustException e) {
                // it stays as the first worker reported it
            }
        }
    }

    /** @return the worker's URL, without a trailing slash */
    private String base() {
        if (url != null) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new ConfigException("--url " + url + " is not an http:// or https:// URL: give e.g."
                        + " http://localhost:6066");
            }
            return url.replaceAll("/+$", "");
        }
        Settings settings = root.hasApp() ? Apps.configure(root.app("status"), root.context.env(), root.settingFlags())
                : Settings.resolve(Map.of(), root.context.env(), root.settingFlags());
        int port = settings.integer(Setting.WEB_PORT);
        if (port == 0) {
            throw new ConfigException("the app's web_port is 0 (any free port): give the worker's URL with --url");
        }
        String host = settings.text(Setting.WEB_BIND);
        if (host.isBlank() || host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port;
    }

    private static String fetch(String address) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(address)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FaustException("no worker answers at " + address.replaceAll("/dashboard/.*$", "") + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): start one with 'faust -A APP worker', or give its URL with --url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaustException("interrupted while asking " + address);
        }
        if (r.statusCode() != 200) {
            throw new FaustException(address + " answered HTTP " + r.statusCode() + ": is it a Faust worker of this"
                    + " version?");
        }
        return r.body();
    }

    /** @return a number as the tables show it: whole, or with one decimal below 100 */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) < 100 && v != Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%d", Math.round(v));
    }
}
